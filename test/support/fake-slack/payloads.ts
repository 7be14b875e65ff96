/**
 * Request bodies as Slack sends them: slash commands (form fields), interactivity payloads
 * (block_actions, view_submission) and Events API callbacks.
 */

export interface Who {
  teamId: string;
  userId: string;
  userName?: string;
  channelId?: string;
}

export function slashCommandBody(who: Who, command: string, text: string, responseUrl: string, triggerId: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: who.teamId,
    team_domain: 'fake',
    channel_id: who.channelId ?? 'C0GENERAL',
    channel_name: who.channelId?.startsWith('D') ? 'directmessage' : 'general',
    user_id: who.userId,
    user_name: who.userName ?? who.userId.toLowerCase(),
    command,
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

export type Container =
  | { type: 'message'; channelId: string; messageTs: string; ephemeral: boolean }
  | { type: 'view'; viewId: string };

export function blockActionsBody(opts: {
  who: Who;
  actionId: string;
  value: string;
  container: Container;
  responseUrl?: string | undefined;
  triggerId: string;
}): Record<string, unknown> {
  const { who, container } = opts;
  const user = { id: who.userId, username: who.userName ?? who.userId.toLowerCase(), name: who.userName ?? who.userId.toLowerCase(), team_id: who.teamId };
  const base = {
    type: 'block_actions',
    user,
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    trigger_id: opts.triggerId,
    team: { id: who.teamId, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [{ type: 'button', action_id: opts.actionId, block_id: 'b1', value: opts.value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000000.1' }],
  };
  if (container.type === 'view') {
    return { ...base, container: { type: 'view', view_id: container.viewId }, view: { id: container.viewId, type: 'home' } };
  }
  return {
    ...base,
    container: { type: 'message', message_ts: container.messageTs, channel_id: container.channelId, is_ephemeral: container.ephemeral },
    channel: { id: container.channelId, name: 'general' },
    message: { ts: container.messageTs, type: 'message' },
    ...(opts.responseUrl ? { response_url: opts.responseUrl } : {}),
  };
}

export function viewSubmissionBody(who: Who, view: Record<string, unknown>, values: Record<string, Record<string, string>>): Record<string, unknown> {
  const stateValues: Record<string, Record<string, { type: string; value: string }>> = {};
  for (const [blockId, inputs] of Object.entries(values)) {
    stateValues[blockId] = Object.fromEntries(Object.entries(inputs).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]));
  }
  return {
    type: 'view_submission',
    team: { id: who.teamId, domain: 'fake' },
    user: { id: who.userId, username: who.userName ?? who.userId.toLowerCase(), name: who.userName ?? who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    trigger_id: 'trigger-submit',
    view: { id: 'V0MODAL', team_id: who.teamId, type: 'modal', ...view, state: { values: stateValues } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function appHomeOpenedBody(teamId: string, userId: string, eventId: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    event: { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home', event_ts: '1700000000.2' },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBACKPROP', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A member shares an uploaded file in a conversation: the `message` event with subtype `file_share`. */
export function fileShareBody(teamId: string, userId: string, channelId: string, file: { id: string; name: string; size: number }, eventId: string): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    event: { type: 'message', subtype: 'file_share', user: userId, channel: channelId, channel_type: channelId.startsWith('D') ? 'im' : 'channel', ts: '1700000001.000100', text: '', files: [{ id: file.id, name: file.name, size: file.size }] },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_001,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBACKPROP', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
