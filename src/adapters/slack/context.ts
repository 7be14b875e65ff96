import { LRUCache } from 'lru-cache';
import type { webApi } from '@slack/bolt';
import type { App } from '../../bootstrap.js';
import { isValidTimeZone } from '../../core/calendar.js';
import { expectFile } from './file-import.js';
import type { ChannelPoster } from '../../core/channel-poster.js';
import type { Logger } from '../../core/ports.js';
import type { CommandContext } from '../../registry/command.js';
import type { Caller } from './payloads.js';

export interface SlackUserInfo {
  displayName: string;
  /** Workspace admin or owner (users.info), or listed in SLACK_ADMIN_USER_IDS. */
  isAdmin: boolean;
  /** The user's own IANA zone (users.info `tz`): it decides their streak day. */
  timeZone?: string | undefined;
}

interface Entry {
  info: Omit<SlackUserInfo, 'isAdmin'> & { workspaceAdmin: boolean };
  expiresAt: number;
}

export const USER_CACHE_TTL_MS = 10 * 60_000;
const USER_CACHE_MAX = 5000;

/**
 * users.info, cached per (team, user) for a while: every command needs the user's zone and admin
 * flag, and Slack rate-limits users.info (Tier 4). A failed lookup is not cached and falls back to
 * what the payload says (not an admin unless listed, the workspace's zone).
 */
export class UserDirectory {
  private readonly cache = new LRUCache<string, Entry>({ max: USER_CACHE_MAX });

  constructor(
    private readonly opts: { adminUserIds: readonly string[]; logger: Logger; ttlMs?: number; now?: () => number },
  ) {}

  async lookup(client: webApi.WebClient, caller: Caller): Promise<SlackUserInfo> {
    const listed = this.opts.adminUserIds.includes(caller.userId);
    const info = await this.fetch(client, caller);
    return { displayName: info.displayName, timeZone: info.timeZone, isAdmin: listed || info.workspaceAdmin };
  }

  private async fetch(client: webApi.WebClient, caller: Caller): Promise<Entry['info']> {
    const key = `${caller.teamId}:${caller.userId}`;
    const now = (this.opts.now ?? Date.now)();
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > now) return hit.info;
    try {
      const res = await client.users.info({ user: caller.userId });
      const u = res.user;
      const tz = u?.tz && isValidTimeZone(u.tz) ? u.tz : undefined;
      const info = {
        displayName: u?.profile?.display_name || u?.real_name || u?.name || caller.userName,
        timeZone: tz,
        workspaceAdmin: u?.is_admin === true || u?.is_owner === true || u?.is_primary_owner === true,
      };
      this.cache.set(key, { info, expiresAt: now + (this.opts.ttlMs ?? USER_CACHE_TTL_MS) });
      return info;
    } catch (err) {
      this.opts.logger.warn('users.info failed; using the payload', { user: caller.userId, error: (err as Error).message });
      return { displayName: caller.userName, timeZone: undefined, workspaceAdmin: false };
    }
  }
}

export interface ContextDeps {
  app: App;
  poster: ChannelPoster;
  /** The slash command word, without the slash. */
  command: string;
}

/** A Slack caller -> CommandContext. The community is the workspace (team id); nothing crosses it. */
export function slackContext(deps: ContextDeps, caller: Caller, info: SlackUserInfo): CommandContext {
  return {
    core: deps.app.core,
    user: { community: { platform: 'slack', id: caller.teamId }, userId: caller.userId, displayName: info.displayName },
    isAdmin: info.isAdmin,
    adminRule: 'workspace admins and owners (or users in SLACK_ADMIN_USER_IDS)',
    timeZone: info.timeZone,
    // Direct messages (D…) have nobody to share with; channels and group DMs do.
    canShare: caller.channelId !== undefined && !caller.channelId.startsWith('D'),
    invocation: (c) => `/${deps.command} ${c}`,
    channelId: caller.channelId,
    poster: deps.poster,
    commands: deps.app.registry.commands,
    awaitFile: caller.channelId ? () => expectFile(deps.app.sessions, { platform: 'slack', id: caller.teamId }, caller.userId, caller.channelId!) : undefined,
  };
}
