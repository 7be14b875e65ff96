import type { App } from './bootstrap.js';
import type { AppConfig } from './config.js';
import type { PlatformAdapter } from './adapters/shared/platform-adapter.js';

/**
 * The platforms Backprop can run on, and which of them the config enables. Each adapter is
 * imported only when enabled, so the console starts without loading discord.js or Bolt.
 * Adding a platform: an adapter folder with its config, and one entry here (see CONTRIBUTING.md).
 */
export async function enabledAdapters(config: AppConfig, app: App): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    adapters.push(createDiscordAdapter(config.discord, app));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/index.js');
    adapters.push(createSlackAdapter(config.slack, app));
  }
  if (config.console) {
    const { createConsoleAdapter } = await import('./adapters/console/index.js');
    adapters.push(createConsoleAdapter({ input: process.stdin, output: process.stdout }, app));
  }
  return adapters;
}
