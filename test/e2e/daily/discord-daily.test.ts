import { beforeAll, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { App } from '../../../src/bootstrap.js';
import { makeTestApp } from '../../support/app.js';
import { FixedClock } from '../../support/builders.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { buttonLabels, embed, isEphemeral, optionLabel, text, wrongLabel } from '../discord/flow-helpers.js';
import { useBotWorld } from '../discord/harness.js';

/** The scheduler posting and revealing through the real discord.js client and the fake Discord. */
const FIXTURE_CORRECT = 'The chain rule, backwards';
let fake: FakeDiscord;
let bot: DiscordAdapter;
let app: App;
const clock = new FixedClock(Date.parse('2026-11-23T07:00:00Z')); // 08:00 in Berlin

const world = useBotWorld(() => makeTestApp({ clock }));
beforeAll(() => ({ fake, app, bot } = world));

it('posts at 09:00 Berlin, takes one private answer per member, and reveals without pinging anyone', async () => {
  const admin = fake.member('Ada', { admin: true });
  const setUp = await fake.slash(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'Europe/Berlin', reveal_hours: 8 } }).response();
  expect(text(setUp.message)).toContain('Daily question set up');
  const posters = new Map([['discord' as const, bot.poster]]);
  expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });

  clock.set('2026-11-23T08:00:10Z');
  expect(await app.core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
  expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
  const cards = [...fake.state.messages.values()].filter((m) => m.channel_id === fake.general.id && !m.webhook_id);
  expect(cards).toHaveLength(1);
  const card = cards[0]!;
  expect(buttonLabels(card)).toEqual(['1', '2', '3', '4', 'Hint']);

  const right = optionLabel(card, FIXTURE_CORRECT);
  const everyone = fake.member('@everyone <@&1>');
  const first = await fake.click(everyone, card, right).response();
  expect(isEphemeral(first.message)).toBe(true);
  expect(text(first.message)).toMatch(/Recorded — the answer is revealed at 17:00 CET/);
  // The same button again shows what was recorded; another one is "already answered".
  expect(text((await fake.click(everyone, card, right).response()).message)).toMatch(/Recorded — the answer is revealed at 17:00 CET/);
  const twice = await fake.click(everyone, card, wrongLabel(card)).response();
  expect(text(twice.message)).toMatch(/already answered/i);
  await fake.click(fake.member('Bo'), card, wrongLabel(card)).response();

  clock.set('2026-11-23T16:00:10Z');
  expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 1 });
  const revealed = fake.state.messages.get(card.id)!;
  expect(embed(revealed).title).toBe('Daily question · revealed');
  expect(text(revealed)).toContain('2 members answered, 50% correct. First correct: @everyone');
  expect(buttonLabels(revealed)).toEqual([]);
  const edit = fake.rest.requests.find((r) => r.method === 'PATCH' && r.path === `/channels/${fake.general.id}/messages/${card.id}`);
  expect(edit?.body).toMatchObject({ allowed_mentions: { parse: [] } });
});
