import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../../src/core/reply.js';
import { buttonsOf } from '../../support/fake-slack/member.js';
import { FixedClock } from '../../support/builders.js';
import { makeTestApp } from '../../support/app.js';
import { correctChoice, startHarness, TEAM, type Harness } from './harness.js';

const community = { platform: 'slack' as const, id: TEAM };

describe('Slack App Home and direct-message quizzes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.users.set('UHOME', { id: 'UHOME', displayName: 'Hilde', tz: 'Europe/Berlin' });
  });
  afterAll(async () => h.stop());

  it('app_home_opened publishes streak, weekly points and rank, accuracy by topic, weakest topics and team', async () => {
    const hilde = h.member('UHOME');
    await hilde.run('team join Gradient Gang');
    // Two wrong answers on cnn make it a weakest topic; one right answer elsewhere scores.
    for (const [topic, right] of [['cnn', false], ['cnn', false], ['fundamentals', true]] as const) {
      const card = await hilde.run(`quiz ${topic}`);
      const correct = await correctChoice(h.app, TEAM, card.blocks);
      await hilde.press(card, right ? correct : correct === '1' ? '2' : '1');
    }
    await hilde.openHome('EvHome1');
    const home = await hilde.home();
    const publish = h.fake.callsTo('views.publish').at(-1)!;
    expect(publish.ok).toBe(true);
    expect(publish.args['user_id']).toBe('UHOME');
    expect((publish.args['view'] as { type: string }).type).toBe('home');
    expect(home.text).toContain('Streak: 1 day');
    expect(home.text).toMatch(/\*Points this week\*\n\d+/);
    expect(home.text).toContain('*Rank this week*\n#1 of 1');
    expect(home.text).toContain('CNNs and computer vision: 0% of 2');
    expect(home.text).toMatch(/\*Weakest topics\*\nCNNs and computer vision \(0%\)/);
    expect(home.text).toContain('*Gradient Gang* (1 member)');
    // Cards, none due before tomorrow: practice first, then the quiz modes.
    expect(home.text).toMatch(/\*Reviews\*\nNothing due today; [23] cards this week/);
    expect(buttonsOf(home.blocks).map((b) => b.text)).toEqual(['Next practice card', 'Multiple choice', 'Open answer', 'Flash card', 'Practice CNNs and computer vision']);
  });

  it('a start button in App Home sends the quiz as a direct message; answering updates it despite a 429', async () => {
    const hilde = h.member('UHOME');
    await hilde.openHome('EvHome2');
    const home = await hilde.home(1);
    const dm = await hilde.press(home, 'Multiple choice');
    const post = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(post.args['channel']).toBe('UHOME');
    expect(dm.place).toMatchObject({ kind: 'message', channelId: 'DHOME' });
    expect(buttonsOf(dm.blocks).map((b) => b.text)).toContain('Hint');

    // Slack rate-limits the first chat.update: WebClient waits Retry-After and tries again.
    h.fake.failNext('chat.update', { status: 429, retryAfter: 1 });
    const click = await hilde.click(dm, await correctChoice(h.app, TEAM, dm.blocks));
    const updated = await h.fake.waitForCall('chat.update', (c) => c.ok);
    const attempts = h.fake.calls.slice(click.callsBefore).filter((c) => c.method === 'chat.update');
    expect(attempts.map((c) => c.ok)).toEqual([false, true]);
    expect(attempts[0]!.args['ts']).toBe(attempts[1]!.args['ts']);
    expect(updated.args).toMatchObject({ channel: 'DHOME', ts: (dm.place as { ts: string }).ts });
    const stored = h.fake.messages.get(`DHOME:${(dm.place as { ts: string }).ts}`);
    expect(JSON.stringify(stored?.blocks)).toContain('Correct!');
    expect((await h.app.store.getStats({ community, userId: 'UHOME', displayName: 'Hilde' })).correct).toBe(2);
  });
});

describe('Slack App Home and spaced repetition', () => {
  let h: Harness;
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
  beforeAll(async () => {
    h = await startHarness({ app: await makeTestApp({ clock }) });
    h.fake.users.set('UREV', { id: 'UREV', displayName: 'Rev', tz: 'UTC' });
  });
  afterAll(async () => h.stop());

  it('shows the cards due and opens the most overdue one as a direct message; a recalled review counts for retention', async () => {
    const rev = h.member('UREV');
    const card = await rev.run('quiz cnn');
    const correct = await correctChoice(h.app, TEAM, card.blocks);
    await rev.press(card, correct === '1' ? '2' : '1'); // missed: its card comes back tomorrow
    clock.advance(3 * 86_400_000);
    await rev.openHome('EvRev1');
    const home = await rev.home();
    expect(home.text).toContain('*Reviews*\n1 card due today, 1 this week');
    expect(buttonsOf(home.blocks).map((b) => b.text)[0]).toBe('Review 1 due card');
    const dm = await rev.press(home, 'Review 1 due card');
    expect(h.fake.callsTo('chat.postMessage').at(-1)!.args['channel']).toBe('UREV');
    expect(dm.place).toMatchObject({ kind: 'message', channelId: 'DREV' });
    expect(dm.text).toContain('Review: last seen 3 days ago');
    await rev.click(dm, await correctChoice(h.app, TEAM, dm.blocks));
    await rev.openHome('EvRev2');
    const after = await rev.home(1);
    expect(after.text).toMatch(/\*Reviews\*\nNothing due today; 1 card this week · 100% of 1 review recalled|\*Reviews\*\nNothing due this week[^\n]* · 100% of 1 review recalled/);
    expect(buttonsOf(after.blocks).map((b) => b.text)[0]).toBe('Next practice card');
  });
});

describe('Slack leaderboard pages on a channel message', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // Eleven members on the board: two pages.
    for (let i = 0; i < 11; i++) {
      const u = { community, userId: `UP${i}`, displayName: `Player ${i}` };
      const q = await h.app.core.quiz.start({ user: u, mode: 'choice' });
      if (!q.ok) throw new Error(q.code);
      await h.app.core.quiz.answerChoice(u, q.value.delivery.id, q.value.delivery.order.indexOf(0));
    }
  });
  afterAll(async () => h.stop());

  it('Next replaces the posted board with chat.update, or through response_url when Slack refuses', async () => {
    const pat = h.member('UP0');
    const board = await pat.run('leaderboard');
    expect(board.body['response_type']).toBe('in_channel');
    expect(buttonsOf(board.blocks).map((b) => b.text)).toEqual(['Next ▶']);
    // The board went out through the response_url; the fake stores it where a click finds it.
    const where = board.place as { channelId: string; ts: string };
    h.fake.messages.set(`${where.channelId}:${where.ts}`, { channel: where.channelId, ts: where.ts, blocks: board.blocks, text: '' });
    const page2 = await pat.press(board, 'Next ▶');
    expect(h.fake.callsTo('chat.update').at(-1)).toMatchObject({ ok: true, args: { channel: where.channelId, ts: where.ts } });
    expect(page2.text).toContain('Page 2 of 2');
    expect(buttonsOf(page2.blocks).map((b) => b.text)).toEqual(['◀ Previous']);

    h.fake.failNext('chat.update', { error: 'cant_update_message' });
    const click = await pat.click(page2, '◀ Previous');
    const replaced = await h.fake.waitForResponse(click.responseUrl!);
    expect(replaced.body['replace_original']).toBe(true);
    expect(JSON.stringify(replaced.body['blocks'])).toContain('Page 1 of 2');
  });
});

describe('Slack channel poster', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.channels.set('CIN', { isMember: true });
    h.fake.channels.set('COUT', { isMember: false });
  });
  afterAll(async () => h.stop());

  it('checks channels with conversations.info and says to /invite the bot', async () => {
    const poster = h.service.poster;
    expect(await poster.checkChannel(community, 'CIN')).toBeNull();
    expect(await poster.checkChannel(community, 'COUT')).toMatch(/\/invite @Backprop/);
    expect(await poster.checkChannel(community, 'CGONE')).toMatch(/\/invite @Backprop/);
    expect(await poster.checkChannel({ platform: 'discord', id: 'g1' }, 'CIN')).toMatch(/cannot be posted to on Slack/);
  });

  it('posts and updates a message, retrying an update Slack rate-limited', async () => {
    const poster = h.service.poster;
    const ref = await poster.post(community, 'CIN', message({ title: 'Daily question', text: 'What is **dropout**?' }));
    expect(ref.channelId).toBe('CIN');
    h.fake.failNext('chat.update', { status: 429, retryAfter: 0 });
    await poster.update(community, ref, message({ title: 'Daily question', text: 'Revealed: <!channel> it regularizes.' }));
    expect(h.fake.callsTo('chat.update').map((c) => c.ok)).toEqual([false, true]);
    const stored = h.fake.messages.get(`CIN:${ref.messageId}`);
    expect(JSON.stringify(stored?.blocks)).toContain('Revealed: &lt;!channel&gt; it regularizes.');
  });
});
