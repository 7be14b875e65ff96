import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { makeTestApp } from '../../support/app.js';
import type { App } from '../../../src/bootstrap.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { createRest, deployCommands } from '../../../src/adapters/discord/deploy.js';
import type { Timing } from '../../../src/adapters/discord/respond.js';
import type { Logger } from '../../../src/core/ports.js';
import { FakeDiscord, RESPONSE_DEADLINE_MS } from '../../support/fake-discord/index.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown> | undefined;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (msg: string, data?: Record<string, unknown>) => void lines.push({ level, msg, data });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** No 5-second wait between identifies: tests reconnect on purpose. Production keeps the default. */
const noIdentifyWait = { waitForIdentify: async () => {} };

export async function startBot(fake: FakeDiscord, app: App, opts: { timing?: Partial<Timing>; logger?: Logger } = {}): Promise<DiscordAdapter> {
  const bot = createDiscordAdapter({ token: fake.token, apiBase: fake.apiBase }, app, {
    logger: opts.logger ?? recordingLogger(),
    clientOptions: { ws: { buildIdentifyThrottler: () => noIdentifyWait } },
    timing: opts.timing,
  });
  await bot.start();
  return bot;
}

/** Registers the app's commands with the fake the way `npm run discord:deploy` does. */
export async function deploy(fake: FakeDiscord, app: App, guildId?: string) {
  return deployCommands({ rest: createRest({ token: fake.token, apiBase: fake.apiBase }), commands: app.registry.commands, guildId });
}

/** What every test must leave true: nothing Discord would reject, nothing that could ping, no failed interaction. */
export function expectDiscordRulesKept(fake: FakeDiscord): void {
  expect(fake.rest.rejections).toEqual([]);
  for (const { path, body } of fake.messageBodies()) {
    expect({ path, allowed_mentions: body['allowed_mentions'] }).toEqual({ path, allowed_mentions: { parse: [] } });
  }
  for (const record of fake.state.interactions.values()) {
    expect(record.failed).toBeUndefined();
    if (Date.now() - record.dispatchedAt > RESPONSE_DEADLINE_MS) expect(record.callbacks.length, `interaction ${record.id} got no response`).toBeGreaterThan(0);
  }
}

/** A fake Discord with the app's commands deployed and the bot connected. */
export interface BotWorld {
  fake: FakeDiscord;
  app: App;
  bot: DiscordAdapter;
}

/**
 * Starts a BotWorld before the tests of the enclosing file or describe block, checks the Discord
 * rules after each test, and stops it after all. The returned object is filled in by beforeAll.
 */
export function useBotWorld(makeApp: () => Promise<App> = () => makeTestApp(), opts: { logger?: Logger } = {}): BotWorld {
  const world = {} as BotWorld;
  beforeAll(async () => {
    world.fake = await FakeDiscord.start();
    world.app = await makeApp();
    await deploy(world.fake, world.app);
    world.bot = await startBot(world.fake, world.app, opts);
  });
  afterAll(async () => {
    await world.bot?.stop();
    await world.fake?.stop();
  });
  afterEach(() => expectDiscordRulesKept(world.fake));
  return world;
}
