import { afterEach, describe, expect, it } from 'vitest';
import { GatewayCloseCodes, InteractionResponseType } from 'discord-api-types/v10';
import type { App } from '../../../src/bootstrap.js';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Timing } from '../../../src/adapters/discord/respond.js';
import { TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { STILL_PROCESSING_TEXT, UNAVAILABLE_TEXT } from '../../../src/views/errors.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { makeTestApp } from '../../support/app.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { deploy, expectDiscordRulesKept, recordingLogger, startBot } from './harness.js';
import { StoreSwitch } from './store-switch.js';
import { buttonLabels, embed, FIXTURE_CORRECT, isEphemeral, optionLabel, text, userRef } from './flow-helpers.js';

interface World {
  fake: FakeDiscord;
  app: App;
  bot: DiscordAdapter;
  storeSwitch: StoreSwitch;
  logger: ReturnType<typeof recordingLogger>;
}

let worlds: World[] = [];

/** A fake Discord and a bot over a store the test can switch off, slow down or hang. */
async function world(timing?: Partial<Timing>): Promise<World> {
  const fake = await FakeDiscord.start();
  const storeSwitch = new StoreSwitch(await MemoryStore.open({ clock: { now: () => Date.now() } }));
  const app = await makeTestApp({ store: storeSwitch.store });
  await deploy(fake, app);
  const logger = recordingLogger();
  const bot = await startBot(fake, app, { timing, logger });
  const w = { fake, app, bot, storeSwitch, logger };
  worlds.push(w);
  return w;
}

afterEach(async () => {
  for (const w of worlds) {
    w.storeSwitch.mode = 'ok';
    expectDiscordRulesKept(w.fake);
    // Every Discord call the adapter made succeeded (a failed reply would be logged as an error).
    expect(w.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    await w.bot.stop();
    await w.fake.stop();
  }
  worlds = [];
});

const FAST: Partial<Timing> = { firstResponseMs: 300, giveUpMs: 1500 };

describe('store outage', () => {
  it('a failing store gets "temporarily unavailable, try again" at once, privately; the bot keeps serving', async () => {
    const { fake, storeSwitch } = await world(FAST);
    const alice = fake.member('Alice');
    const card = await fake.slash(alice, 'quiz', { options: { topic: 'cnn' } }).response();

    storeSwitch.mode = 'fail';
    const down = await fake.slash(alice, 'leaderboard').response();
    expect(down.firstCallback).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(down.message)).toBe(true);
    expect(text(down.message)).toContain(UNAVAILABLE_TEXT);
    expect(embed(down.message).color).toBe(TONE_COLOURS.error);
    const click = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(isEphemeral(click.message)).toBe(true);
    expect(text(click.message)).toContain('temporarily unavailable');
    expect(buttonLabels(fake.state.messages.get(card.message!.id))).toEqual(['1', '2', '3', '4', 'Hint']);

    storeSwitch.mode = 'ok';
    const answered = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(text(answered.message)).toContain('Correct!');
  });

  it('a hanging store: the bot defers within 3 seconds, then says it is still processing instead of thinking forever', async () => {
    const { fake, storeSwitch } = await world(FAST);
    const alice = fake.member('Alice');
    storeSwitch.mode = 'hang';
    const h = fake.slash(alice, 'quiz');
    await h.response();
    expect(h.firstCallback).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(h.original)).toBe(true);
    expect(text(h.original)).toContain(STILL_PROCESSING_TEXT);
    expect(text(h.original)).not.toContain('Nothing was changed');
    expect(h.record.failed).toBeUndefined();
  });
});

describe('slow store', () => {
  it('past the deadline the member is told it is still processing, and the late result replaces that', async () => {
    const { fake, app, storeSwitch } = await world(FAST);
    const alice = fake.member('Alice');
    await app.core.teams.join(userRef(fake, alice), 'Owls');
    storeSwitch.mode = { delayMs: 2200, once: true };
    // Leaving is private; the store applies it late, so "nothing was changed" must not stand.
    const h = fake.slash(alice, 'team', { subcommand: 'leave' });
    const shows = (s: string) => (x: typeof h) => (x.original?.embeds[0]?.description ?? '').includes(s);
    await h.waitFor(shows(STILL_PROCESSING_TEXT), 'the still-processing message');
    await h.waitFor(shows('You left **Owls**'), 'the late result');
    expect(h.record.edits).toBe(2);
    expect(h.followUps).toEqual([]);
    expect(await app.store.getUserTeam(userRef(fake, alice))).toBeNull();
  });

  it('with the default timing a 2.5 s command is deferred inside Discord\'s 3 seconds, then delivered', async () => {
    const { fake, storeSwitch } = await world();
    const alice = fake.member('Alice');
    storeSwitch.mode = { delayMs: 2500, once: true };
    const h = fake.slash(alice, 'leaderboard');
    // A public result after a private deferral: a short private note, then the board in the channel.
    await h.waitFor((x) => x.followUps.length === 1, 'the public follow-up');
    expect(h.firstCallback).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(h.record.callbacks[0]!.at - h.record.dispatchedAt).toBeLessThan(3000);
    expect(text(h.original)).toContain('Posted in the channel.');
    expect(isEphemeral(h.followUps[0])).toBe(false);
    expect(embed(h.followUps[0]).title).toContain('Leaderboard');
  });

  it('a slow button click is acknowledged silently and the card is then edited in place', async () => {
    const { fake, app, storeSwitch } = await world(FAST);
    const alice = fake.member('Alice');
    const card = await fake.slash(alice, 'quiz', { options: { topic: 'fundamentals', difficulty: 'beginner' } }).response();
    storeSwitch.mode = { delayMs: 400, once: true };
    const click = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(click.firstCallback).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(click.record.edits).toBe(1);
    expect(click.message!.id).toBe(card.message!.id);
    expect(text(click.message)).toContain('Correct! **+10 points**');
    storeSwitch.mode = 'ok';
    expect((await app.store.getStats(userRef(fake, alice))).points).toBe(10);
  });
});

describe('rate limits', () => {
  it('a 429 on a follow-up is retried after Retry-After, and the member still gets the result', async () => {
    const { fake, storeSwitch } = await world(FAST);
    const gus = fake.member('Gus');
    const hana = fake.member('Hana');
    const card = await fake.slash(gus, 'quiz', { options: { topic: 'cnn', share: true } }).response();
    fake.rest.fail({ method: 'POST', path: /^\/webhooks\/\d+\/[^/]+$/, status: 429, retryAfter: 0.4 });
    storeSwitch.mode = { delayMs: 400, once: true };

    const h = fake.click(hana, card.message, optionLabel(card.message, FIXTURE_CORRECT));
    await h.waitFor((x) => x.followUps.length === 1, 'the follow-up');
    expect(h.firstCallback).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(isEphemeral(h.followUps[0])).toBe(true);
    expect(text(h.followUps[0])).toContain('Correct!');
    const posts = fake.rest.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
  });
});

describe('gateway', () => {
  it('resumes after the gateway closes the socket and serves what was sent meanwhile', async () => {
    const { fake } = await world(FAST);
    const alice = fake.member('Alice');
    fake.gateway.closeConnection(GatewayCloseCodes.UnknownError);
    // Sent while the bot is away: Discord replays it on resume.
    const h = await fake.slash(alice, 'help').response();
    expect(h.firstCallback).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(fake.gateway.resumes).toHaveLength(1);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(text((await fake.slash(alice, 'topics').response()).message)).toContain('Topics');
  });

  it('identifies again when the session is invalidated, and keeps serving', async () => {
    const { fake } = await world(FAST);
    const alice = fake.member('Alice');
    fake.gateway.invalidateSession();
    await waitUntil(() => fake.gateway.identifies.length === 2 && fake.gateway.connected);
    const h = await fake.slash(alice, 'streak').response();
    expect(text(h.message)).toContain('Your streak');
    expect(fake.gateway.identifies.every((i) => i.intents === 1)).toBe(true);
  });

  it('acknowledges heartbeats, so the connection stays up', async () => {
    const { fake, bot } = await world(FAST);
    await waitUntil(() => fake.gateway.heartbeats >= 2);
    expect(bot.client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.resumes).toHaveLength(0);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
