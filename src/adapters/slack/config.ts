import { optionalVar, portVar, urlVar, type EnvOf } from '../../env.js';

/** What the Slack adapter needs, read from the environment beside the adapter that uses it. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  command: string;
  adminUserIds: string[];
  /** HTTP mode: Bolt's port (Slack's requests and the health routes); Socket Mode: the health server's. 0 picks a free one. */
  port: number;
}

export const slackEnv = {
  SLACK_BOT_TOKEN: optionalVar.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalVar,
  SLACK_APP_TOKEN: optionalVar.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_API_URL: urlVar(['http:', 'https:'], 'https://slack.com/api/'),
  SLACK_COMMAND: optionalVar.refine((v) => v === undefined || /^[a-z0-9_-]{1,31}$/.test(v), 'must be a command word without the slash, e.g. prep'),
  SLACK_ADMIN_USER_IDS: optionalVar,
  PORT: portVar,
};

/** Undefined when Slack is not configured; a problem names the variable to set. */
export function readSlackConfig(e: EnvOf<typeof slackEnv>, problems: string[]): SlackConfig | undefined {
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (from Basic Information → App Credentials), unless SLACK_APP_TOKEN selects Socket Mode');
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN is required to run on Slack (OAuth & Permissions → Bot User OAuth Token, xoxb-…)');
  }
  if (!e.SLACK_BOT_TOKEN) return undefined;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET ?? '',
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    command: e.SLACK_COMMAND ?? 'prep',
    adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    port: Number(e.PORT ?? 3000),
  };
}
