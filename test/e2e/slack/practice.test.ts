import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPoster } from '../../../src/core/channel-poster.js';
import { makeTestApp } from '../../support/app.js';
import { FIXTURE_MODEL_ANSWER, FixedClock } from '../../support/builders.js';
import { ListReviewQueue } from '../../support/review-queue.js';
import { startHarness, TEAM, type Harness } from './harness.js';
import { buttonsOf } from '../../support/fake-slack/member.js';

/** Practice reminders through the real Bolt app and its Web API client against the fake Slack. */
describe('Slack practice reminders', () => {
  let h: Harness;
  const clock = new FixedClock(Date.parse('2026-12-01T05:00:00Z'));
  const queue = new ListReviewQueue();
  beforeAll(async () => {
    h = await startHarness({ app: await makeTestApp({ clock, dueCards: queue, answerObserver: queue }) });
  });
  afterAll(async () => h.stop());

  it('uses the member’s Slack time zone and sends the reminder as a direct message (conversations.open, chat.postMessage)', async () => {
    h.fake.users.set('U7', { id: 'U7', name: 'ina', tz: 'Europe/Berlin' });
    const set = await h.member('U7').run('remind on 07:30');
    expect(set.text).toContain('*07:30* (Europe/Berlin)');
    queue.add({ community: { platform: 'slack', id: TEAM }, userId: 'U7' }, 'fx-backprop', 0);
    queue.add({ community: { platform: 'slack', id: TEAM }, userId: 'U7' }, 'fx-chain', 0);
    const posters = new Map<string, ChannelPoster>([['slack', h.service.poster]]);
    clock.set('2026-12-01T06:29:00Z');
    expect(await h.app.core.reminders.runDue(posters)).toEqual({ sent: 0, skipped: 0 });
    clock.set('2026-12-01T06:30:00Z');
    expect(await h.app.core.reminders.runDue(posters)).toEqual({ sent: 1, skipped: 0 });
    expect(await h.app.core.reminders.runDue(posters)).toEqual({ sent: 0, skipped: 0 });
    expect(h.fake.callsTo('conversations.open').map((c) => [c.args['users'], c.ok])).toEqual([['U7', true]]);
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'D7');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.ok).toBe(true);
    expect(JSON.stringify(dms[0]!.args['blocks'])).toContain('Practice reminder');
    expect(JSON.stringify(dms[0]!.args['blocks'])).toContain('2 reviews');
    expect(JSON.stringify(dms[0]!.args['blocks'])).toContain('/prep practice');
  });

  it('a member Slack does not know is Slack’s answer to the reminder (no retry loop)', async () => {
    const err = await h.service.poster.sendDirect({ platform: 'slack', id: TEAM }, 'U404', { type: 'message', text: 'x', ephemeral: false, update: false }).catch((e: unknown) => e);
    expect(h.service.poster.isPlatformAnswer(err)).toBe(true);
  });

  it('a mock interview: Answer opens a modal, the submission is graded and the next question replaces the card', async () => {
    const jo = h.member('U8');
    const card = await jo.run('interview start length:3');
    expect(card.text).toContain('Question 1 of 3');
    expect(buttonsOf(card.blocks).map((b) => b.text)).toEqual(['Answer', 'Stop']);
    const click = await jo.click(card, 'Answer');
    const open = await h.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === click.triggerId);
    expect(open.ok).toBe(true);
    expect(await jo.submit(open, FIXTURE_MODEL_ANSWER)).toEqual({ status: 200, body: null });
    const graded = await h.fake.waitForResponse(click.responseUrl!);
    expect(graded.body['replace_original']).toBe(true);
    const text = JSON.stringify(graded.body['blocks']);
    expect(text).toContain('Question 1 of 3: *100/100*');
    expect(text).toContain('Question 2 of 3');
    // The same form submitted again (a retry) is not graded twice.
    await jo.submit(open, FIXTURE_MODEL_ANSWER);
    const status = await jo.run('interview status');
    expect(status.text).toContain('1 answer so far');
    expect(queue.answers.filter((a) => a.user.userId === 'U8')).toHaveLength(1);
  });
});
