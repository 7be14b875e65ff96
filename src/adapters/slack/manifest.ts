import type { CommandDef } from '../../registry/command.js';

/**
 * The Slack app manifest, generated from the command definitions, so creating the app is one
 * paste (api.slack.com/apps -> Create New App -> From an app manifest).
 */

export interface ManifestOptions {
  /** The public base URL of the bot in HTTP mode, e.g. https://prep.example.com. */
  baseUrl?: string | undefined;
  socketMode: boolean;
  command: string;
  name?: string | undefined;
}

/** Bot scopes, each for one call the adapter makes. */
export const BOT_SCOPES = [
  'commands', // the slash command
  'chat:write', // chat.postMessage / chat.update (quizzes from App Home, daily posts)
  'users:read', // users.info: time zone and admin flag
  'channels:read', // conversations.info: can the bot post in a public channel?
  'groups:read', // … and in a private one
  'im:write', // direct messages: App Home buttons, practice reminders (conversations.open)
  'files:write', // files.uploadV2: the stats and leaderboard pictures (without it, text only)
  'files:read', // files.info and the private download of a pack file shared after /prep pack import
  'channels:history', // message events (file_share) in public channels, for that file
  'groups:history', // … in private channels
  'im:history', // … in direct messages with the app
] as const;

function usage(c: CommandDef): string {
  if (c.subcommands) return `${c.name} ${c.subcommands.map((s) => s.name).join('|')}`;
  const opts = (c.options ?? []).filter((o) => o.type !== 'boolean').map((o) => `[${o.name}]`);
  return [c.name, ...opts].join(' ');
}

/** Slack's limits: description 2000, usage hint 1000 characters; short reads better anyway. */
export function usageHint(commands: readonly CommandDef[]): string {
  const hint = commands.filter((c) => !c.adminOnly).map(usage).join(' · ');
  return hint.length <= 1000 ? hint : `${commands.map((c) => c.name).join('|')} …`;
}

export function buildManifest(commands: readonly CommandDef[], opts: ManifestOptions): Record<string, unknown> {
  const base = (opts.baseUrl ?? 'https://YOUR-HOST').replace(/\/+$/, '');
  const requestUrl = `${base}/slack/events`;
  const name = opts.name ?? 'Backprop';
  const slash: Record<string, unknown> = {
    command: `/${opts.command}`,
    description: 'Deep-learning interview prep: quizzes, streaks, leaderboards',
    usage_hint: usageHint(commands),
    // Mentions arrive as <@U…> ids, which the user options expect.
    should_escape: true,
  };
  if (!opts.socketMode) slash['url'] = requestUrl;
  return {
    display_information: {
      name,
      description: 'Practice deep-learning interview questions with your team.',
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [slash],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(opts.socketMode ? {} : { request_url: requestUrl }), bot_events: ['app_home_opened', 'message.channels', 'message.groups', 'message.im'] },
      interactivity: { is_enabled: true, ...(opts.socketMode ? {} : { request_url: requestUrl }) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}
