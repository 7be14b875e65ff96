import type { App } from './bootstrap.js';
import type { AppConfig } from './config.js';
import type { PlatformAdapter } from './adapters/shared/platform-adapter.js';

/** Time on top of AI_TIMEOUT_MS for the store and the rubric fallback. */
const AI_MARGIN_MS = 3000;

/**
 * The platforms Backprop can run on, and which of them the config enables. Each adapter is
 * imported only when enabled, so the console starts without loading discord.js or Bolt.
 * Adding a platform: an adapter folder with its config, and one entry here (see CONTRIBUTING.md).
 */
export async function enabledAdapters(config: AppConfig, app: App): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  // An AI grading may take up to AI_TIMEOUT_MS after the platform's deferral: wait for it (plus
  // the store's time) before telling the member to try again (Discord) or that it is slow (Slack).
  const patience = config.grader.kind === 'ai' ? config.grader.timeoutMs + AI_MARGIN_MS : 0;
  if (config.discord) {
    const { createDiscordAdapter, DEFAULT_TIMING } = await import('./adapters/discord/index.js');
    adapters.push(createDiscordAdapter(config.discord, app, { timing: { giveUpMs: Math.max(DEFAULT_TIMING.giveUpMs, patience) } }));
  }
  if (config.slack) {
    const { createSlackAdapter, SLOW_NOTICE_MS } = await import('./adapters/slack/index.js');
    adapters.push(createSlackAdapter(config.slack, app, { slowNoticeMs: Math.max(SLOW_NOTICE_MS, patience) }));
  }
  if (config.console) {
    const { createConsoleAdapter } = await import('./adapters/console/index.js');
    adapters.push(createConsoleAdapter({ input: process.stdin, output: process.stdout, picturesDir: config.picturesDir }, app));
  }
  return adapters;
}
