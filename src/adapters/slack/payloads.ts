/**
 * Slack request bodies -> the few typed values the adapter uses. Bodies arrive as loosely typed
 * JSON; everything is read defensively here, so the rest of the adapter works on checked values.
 */

/** Where a request came from, and so where its reply goes. */
export type Origin =
  | { kind: 'command'; channelId: string; responseUrl: string }
  /** A button on a message: ephemeral ones are replaced through response_url, others with chat.update. */
  | { kind: 'message'; channelId: string; messageTs: string; ephemeral: boolean; responseUrl?: string | undefined }
  /** A button in the App Home tab: replies go to the user's direct messages with the app. */
  | { kind: 'home' };

export interface Caller {
  teamId: string;
  userId: string;
  /** The name in the payload; users.info may give a better one. */
  userName: string;
  channelId?: string | undefined;
}

export interface SlashInvocation {
  caller: Caller;
  text: string;
  triggerId: string;
  origin: Extract<Origin, { kind: 'command' }>;
}

export interface ActionInvocation {
  caller: Caller;
  /** The encoded action the button carries. */
  value: string;
  triggerId: string;
  origin: Origin;
}

export interface ViewSubmission {
  caller: Caller;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, string | undefined>>;
}

export interface HomeOpened {
  teamId: string;
  userId: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function callerOf(body: Json, channelId: string | undefined): Caller | null {
  const user = obj(body['user']);
  const teamId = str(obj(body['team'])?.['id']) ?? str(user?.['team_id']);
  const userId = str(user?.['id']);
  if (!teamId || !userId) return null;
  return { teamId, userId, userName: str(user?.['username']) ?? str(user?.['name']) ?? userId, channelId };
}

export function parseSlashCommand(body: unknown): SlashInvocation | null {
  const b = obj(body);
  const teamId = str(b?.['team_id']);
  const userId = str(b?.['user_id']);
  const channelId = str(b?.['channel_id']);
  const responseUrl = str(b?.['response_url']);
  if (!b || !teamId || !userId || !channelId || !responseUrl) return null;
  return {
    caller: { teamId, userId, userName: str(b['user_name']) ?? userId, channelId },
    text: typeof b['text'] === 'string' ? b['text'] : '',
    triggerId: str(b['trigger_id']) ?? '',
    origin: { kind: 'command', channelId, responseUrl },
  };
}

export function parseBlockAction(body: unknown): ActionInvocation | null {
  const b = obj(body);
  if (!b || b['type'] !== 'block_actions') return null;
  const action = obj(Array.isArray(b['actions']) ? b['actions'][0] : undefined);
  const value = str(action?.['value']);
  const container = obj(b['container']);
  if (!value || !container) return null;
  let origin: Origin;
  let channelId: string | undefined;
  if (container['type'] === 'view') {
    origin = { kind: 'home' };
  } else {
    channelId = str(container['channel_id']) ?? str(obj(b['channel'])?.['id']);
    const messageTs = str(container['message_ts']) ?? str(obj(b['message'])?.['ts']);
    if (!channelId || !messageTs) return null;
    origin = { kind: 'message', channelId, messageTs, ephemeral: container['is_ephemeral'] === true, responseUrl: str(b['response_url']) };
  }
  const caller = callerOf(b, channelId);
  if (!caller) return null;
  return { caller, value, triggerId: str(b['trigger_id']) ?? '', origin };
}

export function parseViewSubmission(body: unknown): ViewSubmission | null {
  const b = obj(body);
  const view = obj(b?.['view']);
  if (!b || !view || b['type'] !== 'view_submission') return null;
  const caller = callerOf(b, undefined);
  if (!caller) return null;
  const values: ViewSubmission['values'] = {};
  for (const [blockId, block] of Object.entries(obj(obj(view['state'])?.['values']) ?? {})) {
    const inputs: Record<string, string | undefined> = {};
    for (const [actionId, input] of Object.entries(obj(block) ?? {})) {
      const v = obj(input)?.['value'];
      inputs[actionId] = typeof v === 'string' ? v : undefined;
    }
    values[blockId] = inputs;
  }
  return {
    caller,
    callbackId: str(view['callback_id']) ?? '',
    privateMetadata: typeof view['private_metadata'] === 'string' ? view['private_metadata'] : '',
    values,
  };
}

export function parseHomeOpened(body: unknown): HomeOpened | null {
  const b = obj(body);
  const event = obj(b?.['event']);
  const teamId = str(b?.['team_id']);
  const userId = str(event?.['user']);
  if (!teamId || !userId || event?.['type'] !== 'app_home_opened' || event['tab'] !== 'home') return null;
  return { teamId, userId };
}

/** Validates an Origin that made a round trip through a modal's private_metadata. */
export function parseOrigin(v: unknown): Origin | null {
  const o = obj(v);
  if (!o) return null;
  if (o['kind'] === 'home') return { kind: 'home' };
  const channelId = str(o['channelId']);
  if (!channelId) return null;
  if (o['kind'] === 'command') {
    const responseUrl = str(o['responseUrl']);
    return responseUrl ? { kind: 'command', channelId, responseUrl } : null;
  }
  const messageTs = str(o['messageTs']);
  if (o['kind'] !== 'message' || !messageTs) return null;
  return { kind: 'message', channelId, messageTs, ephemeral: o['ephemeral'] === true, responseUrl: str(o['responseUrl']) };
}
