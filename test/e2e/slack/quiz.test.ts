import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../src/core/calendar.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { makeTestApp } from '../../support/app.js';
import { aBank, aQuestion, FIXTURE_MODEL_ANSWER, FixedClock, seededRandom } from '../../support/builders.js';
import { createBackpropCore as createCore } from '../../../src/bootstrap.js';
import { buttonsOf, SlackMember } from '../../support/fake-slack/member.js';
import { correctChoice, startAdapter, startHarness, TEAM, type Harness } from './harness.js';

const user = (userId: string) => ({ community: { platform: 'slack' as const, id: TEAM }, userId, displayName: userId });
const KEY_POINTS = FIXTURE_MODEL_ANSWER;

describe('Slack quiz flows in Block Kit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('choice: a hint, then a button grades and replaces the ephemeral card with result and explanation', async () => {
    const ada = h.member('U1');
    const card = await ada.run('quiz cnn');
    const hinted = await ada.press(card, 'Hint');
    expect(hinted.body['replace_original']).toBe(true);
    expect(hinted.text).toContain('*Hint:* Think calculus.');
    expect(buttonsOf(hinted.blocks).map((b) => b.text)).toEqual(['1', '2', '3', '4']);
    const result = await ada.press(hinted, await correctChoice(h.app, TEAM, hinted.blocks));
    expect(result.body['replace_original']).toBe(true);
    expect(result.text).toContain('Correct!');
    expect(result.text).toContain('(halved for the hint)');
    expect(result.text).toContain('*Why*\nIt is reverse-mode differentiation.');
    expect(buttonsOf(result.blocks).map((b) => b.text)).toEqual(['Next question', 'Report']);
    expect(await h.app.store.getStats(user('U1'))).toMatchObject({ answered: 1, correct: 1, points: 10 });
    // The same button again (a retry) shows the recorded result; another one is "already answered".
    const correct = await correctChoice(h.app, TEAM, hinted.blocks);
    const same = await ada.press(card, correct);
    expect(same.text).toContain('Correct!');
    expect(same.text).toContain('(halved for the hint)');
    const other = await ada.press(card, correct === '1' ? '2' : '1');
    expect(other.text).toMatch(/already answered/i);
    expect(await h.app.store.getStats(user('U1'))).toMatchObject({ answered: 1, points: 10 });
  });

  it('open: Answer opens a modal with a multiline input capped at Slack\'s 3000; the submission is graded', async () => {
    const bob = h.member('U2');
    const card = await bob.run('quiz fundamentals intermediate open');
    expect(buttonsOf(card.blocks).map((b) => b.text)).toEqual(['Answer', 'Hint']);
    const click = await bob.click(card, 'Answer');
    const open = await h.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === click.triggerId);
    expect(open.ok).toBe(true);
    const view = open.args['view'] as { type: string; blocks: { element: Record<string, unknown> }[]; private_metadata: string };
    expect(view.type).toBe('modal');
    expect(view.blocks[0]!.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(JSON.parse(view.private_metadata)).toMatchObject({ a: expect.stringMatching(/^bp1\|quiz\.submit\|/), o: { kind: 'message', ephemeral: true } });

    const acked = await bob.submit(open, KEY_POINTS);
    expect(acked).toEqual({ status: 200, body: null }); // closes the modal
    const result = await h.fake.waitForResponse(click.responseUrl!);
    expect(result.body['replace_original']).toBe(true);
    const text = JSON.stringify(result.body['blocks']);
    expect(text).toContain('Score: *100/100*');
    expect(text).toContain('Covered (3)');
    expect(await h.app.store.getStats(user('U2'))).toMatchObject({ answered: 1, correct: 1 });

    // A second submission keeps the modal open with the reason under the input, and changes nothing.
    const twice = await bob.submit(open, 'again');
    expect(twice.body).toMatchObject({ response_action: 'errors', errors: { answer: expect.stringMatching(/already answered/i) } });
    expect((await h.app.store.getStats(user('U2'))).answered).toBe(1);
  });

  it('flash: Reveal shows the model answer and four rating buttons; a rating records the answer', async () => {
    const cy = h.member('U3');
    const card = await cy.run('quiz transformers flash');
    const revealed = await cy.press(card, 'Reveal');
    expect(revealed.body['replace_original']).toBe(true);
    expect(revealed.text).toContain('*Model answer*');
    expect(buttonsOf(revealed.blocks).map((b) => b.text)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    expect(buttonsOf(revealed.blocks).find((b) => b.text === 'Again')).toBeDefined();
    const rated = await cy.press(revealed, 'Good');
    expect(rated.text).toContain('You rated yourself *good*');
    expect((await h.app.store.getStats(user('U3'))).answered).toBe(1);
  });

  it('a quiz shared in a channel is posted for everyone; each answer comes back privately', async () => {
    const dee = h.member('U4');
    const card = await dee.run('quiz cnn choice share:true');
    expect(card.body['response_type']).toBe('in_channel');
    const result = await dee.press(card, await correctChoice(h.app, TEAM, card.blocks));
    expect(result.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(result.text).toContain('Correct!');
  });
});

describe('Slack quiz buttons after a restart', () => {
  it('a card shown before the restart is graded by the new process', async () => {
    const store = await MemoryStore.open({ clock: { now: () => Date.now() } });
    const h = await startHarness({ app: await makeTestApp({ store, random: seededRandom(1) }) });
    const card = await h.member('U1').run('quiz transformers');
    const correct = await correctChoice(h.app, TEAM, card.blocks);
    await h.service.stop();

    const app2 = await makeTestApp({ store, random: seededRandom(2) });
    const second = await startAdapter({ app: app2, fake: h.fake });
    const member = new SlackMember(h.fake, second.transport, { teamId: TEAM, userId: 'U1' });
    const result = await member.press(card, correct);
    expect(result.text).toContain('Correct!');
    expect(await store.getStats(user('U1'))).toMatchObject({ answered: 1, correct: 1 });
    await second.service.stop();
    await h.fake.close();
  });
});

describe('Slack time zones and Block Kit limits', () => {
  it("the member's own users.info time zone decides the streak day, and users.info is cached", async () => {
    // 11:00 UTC on 10 March is already 11 March on Kiritimati (UTC+14).
    const clock = new FixedClock(Date.parse('2026-03-10T11:00:00Z'));
    const h = await startHarness({ app: await makeTestApp({ clock }) });
    h.fake.users.set('UKI', { id: 'UKI', tz: 'Pacific/Kiritimati' });
    const kiri = h.member('UKI');
    const card = await kiri.run('quiz cnn');
    await kiri.press(card, await correctChoice(h.app, TEAM, card.blocks));
    const streak = await h.app.store.getStreak(user('UKI'));
    expect(streak.lastDay).toBe(localDay(clock.now(), 'Pacific/Kiritimati'));
    expect(streak.lastDay).toBe(localDay(clock.now(), 'UTC') + 1);
    expect((await kiri.run('streak')).text).toContain('Today is done');
    expect(h.fake.callsTo('users.info').filter((c) => c.args['user'] === 'UKI')).toHaveLength(1);
    await h.stop();
  });

  it('splits a very long model answer into sections within Slack limits, and shortens one that cannot fit', async () => {
    const paragraph = `${'Gradients flow backwards through every layer. '.repeat(40)}\n\n`;
    for (const [answer, id] of [[paragraph.repeat(8) + 'x'.repeat(5000), 'long'], [paragraph.repeat(120), 'huge']] as const) {
      const base = await makeTestApp();
      const core = createCore({ bank: aBank([aQuestion({ id, topic: 'cnn', answer })]), store: base.store, clock: base.core.clock, random: seededRandom(3) });
      const h = await startHarness({ app: { ...base, core } });
      const m = h.member('U1');
      const revealed = await m.press(await m.run('quiz cnn flash'), 'Reveal');
      const post = h.fake.responses.at(-1)!;
      expect(post.problems).toEqual([]);
      expect(revealed.blocks.length).toBeLessThanOrEqual(50);
      const sections = revealed.blocks.filter((b) => b['type'] === 'section');
      expect(sections.length).toBeGreaterThan(3);
      expect(buttonsOf(revealed.blocks).map((b) => b.text)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
      if (id === 'huge') expect(revealed.text).toContain('shortened');
      else expect(revealed.text.replace(/\n/g, '')).toContain('x'.repeat(5000));
      await h.stop();
    }
  });
});
