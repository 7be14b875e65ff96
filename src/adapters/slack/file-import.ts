import type { webApi } from '@slack/bolt';
import type { Community } from '../../core/identity.js';
import type { SessionStore } from '../../core/session-store.js';
import type { AttachmentRead } from '../../registry/command.js';
import { readUrlText } from '../shared/read-url.js';

/**
 * Slack's slash commands carry no files, so `/prep pack import` asks the admin to share the file
 * in the same conversation: a session (shared by every process) remembers who is expected to, for
 * a few minutes, and the `message` event with subtype `file_share` delivers it. The file is read
 * with files.info and its private URL, which needs the bot token (scope files:read).
 */
export const FILE_WAIT_MS = 10 * 60_000;

const pendingKey = (userId: string, channelId: string) => `pack-file:${userId}:${channelId}`;

export async function expectFile(sessions: SessionStore, c: Community, userId: string, channelId: string): Promise<void> {
  await sessions.setSession(c, pendingKey(userId, channelId), '1', FILE_WAIT_MS);
}

/** True (once) when this member was asked to share a file here. */
export async function takeExpectedFile(sessions: SessionStore, c: Community, userId: string, channelId: string): Promise<boolean> {
  return sessions.deleteSession(c, pendingKey(userId, channelId));
}

/** A shared file's text: its size from files.info first, then the private URL with the bot token. */
export async function readSlackFile(client: webApi.WebClient, fileId: string, maxBytes: number): Promise<AttachmentRead> {
  let file: { size?: number; url_private_download?: string; url_private?: string } | undefined;
  try {
    file = (await client.files.info({ file: fileId })).file;
  } catch (err) {
    return { ok: false, problem: 'unreadable', detail: `files.info: ${(err as { data?: { error?: string } }).data?.error ?? 'failed'}` };
  }
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) return { ok: false, problem: 'unreadable', detail: 'the file has no download link' };
  if ((file.size ?? 0) > maxBytes) return { ok: false, problem: 'too-large' };
  return readUrlText(url, maxBytes, { authorization: `Bearer ${client.token ?? ''}` });
}

/** The parts of a `message` event with subtype `file_share` we use; null for anything else. */
export function parseFileShare(body: unknown): { teamId: string; userId: string; channelId: string; fileId: string } | null {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const e = (typeof b['event'] === 'object' && b['event'] !== null ? b['event'] : {}) as Record<string, unknown>;
  const files = Array.isArray(e['files']) ? (e['files'] as { id?: unknown }[]) : [];
  const teamId = typeof b['team_id'] === 'string' ? b['team_id'] : undefined;
  const fileId = typeof files[0]?.id === 'string' ? files[0].id : undefined;
  if (e['type'] !== 'message' || e['subtype'] !== 'file_share' || typeof e['user'] !== 'string' || typeof e['channel'] !== 'string' || !teamId || !fileId) return null;
  return { teamId, userId: e['user'], channelId: e['channel'], fileId };
}
