import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/bootstrap.js';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { ChannelPoster } from '../../../src/core/channel-poster.js';
import { makeTestApp } from '../../support/app.js';
import { FIXTURE_MODEL_ANSWER, FixedClock } from '../../support/builders.js';
import type { FakeDiscord } from '../../support/fake-discord/index.js';
import { ListReviewQueue } from '../../support/review-queue.js';
import { embed, text } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

/** Mock interviews and practice reminders through the real discord.js client against the fake Discord. */
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
const queue = new ListReviewQueue();
let fake: FakeDiscord;
let app: App;
let bot: DiscordAdapter;
const world = useBotWorld(() => makeTestApp({ clock, answerObserver: queue, dueCards: queue }));
beforeAll(() => ({ fake, app, bot } = world));

describe('practice reminders on Discord', () => {
  it('sets a reminder (community zone, UTC by default) and sends it as a direct message when reviews are due', async () => {
    const ann = fake.member('Ann');
    const set = await fake.slash(ann, 'remind', { subcommand: 'on', options: { time: '06:30' } }).response();
    expect(text(set.message)).toContain('**06:30** (UTC)');
    queue.add({ community: { platform: 'discord', id: fake.guildId }, userId: ann.user.id }, 'fx-backprop', 0);
    clock.set('2026-12-01T06:30:00Z');
    const posters = new Map<string, ChannelPoster>([['discord', bot.poster]]);
    expect(await app.core.reminders.runDue(posters)).toEqual({ sent: 1, skipped: 0 });
    expect(await app.core.reminders.runDue(posters)).toEqual({ sent: 0, skipped: 0 });
    const dmChannel = fake.dms.get(ann.user.id);
    expect(dmChannel).toBeDefined();
    const opened = fake.rest.requests.filter((r) => r.method === 'POST' && r.path === '/users/@me/channels');
    expect(opened.map((r) => [r.status, r.body])).toEqual([[200, { recipient_id: ann.user.id }]]);
    const dms = [...fake.state.messages.values()].filter((m) => m.channel_id === dmChannel);
    expect(dms).toHaveLength(1);
    expect(embed(dms[0])?.title).toBe('Practice reminder');
    expect(embed(dms[0])?.description).toContain('**1 review** due');
  });

  it('a DM to someone the bot cannot reach is Discord’s answer: no retry loop, logged', async () => {
    const err = await bot.poster.sendDirect({ platform: 'discord', id: fake.guildId }, '123456789012345678', { type: 'message', text: 'x', ephemeral: false, update: false }).catch((e: unknown) => e);
    expect(bot.poster.isPlatformAnswer(err)).toBe(true);
  });
});

describe('mock interviews on Discord', () => {
  it('starts, answers through the modal, resumes with /interview start, and reports at the end', async () => {
    const bo = fake.member('Bo');
    const card = await fake.slash(bo, 'interview', { subcommand: 'start', options: { length: 3 } }).response();
    expect(embed(card.message).title).toBe('Mock interview · Question 1 of 3');
    const opened = await fake.click(bo, card.message, 'Answer').response();
    const graded = await fake.submitModal(bo, opened, FIXTURE_MODEL_ANSWER).response();
    expect(text(graded.message)).toContain('Question 1 of 3: **');
    expect(embed(graded.message).title).toBe('Mock interview · Question 2 of 3');
    const resumed = await fake.slash(bo, 'interview', { subcommand: 'start' }).response();
    expect(text(resumed.message)).toContain('Resuming your interview');
    expect(embed(resumed.message).title).toBe('Mock interview · Question 2 of 3');
    let current = resumed;
    for (const answer of ['Not sure.', 'Something about gradients.']) {
      const form = await fake.click(bo, current.message, 'Answer').response();
      current = await fake.submitModal(bo, form, answer).response();
    }
    expect(embed(current.message).title).toBe('Mock interview · report');
    expect(text(current.message)).toContain('**Topics to review:**');
    expect(text(current.message)).toContain('**Added to your reviews:** 3 questions');
    expect(queue.answers.filter((a) => a.user.userId === bo.user.id).map((a) => a.source)).toEqual(['interview', 'interview', 'interview']);
  });
});
