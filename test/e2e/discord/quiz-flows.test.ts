import { beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType, TextInputStyle } from 'discord-api-types/v10';
import type { App } from '../../../src/bootstrap.js';
import { TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { buttonLabels, deliveryId, embed, FIXTURE_CORRECT, FIXTURE_GOOD_ANSWER, isEphemeral, optionLabel, text, userRef, wrongLabel } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

let fake: FakeDiscord;
let app: App;

const world = useBotWorld();
beforeAll(() => ({ fake, app } = world));

describe('choice', () => {
  it('a click grades, updates the card with result and explanation, and scores points, streak and leaderboard', async () => {
    const alice = fake.member('Alice');
    const card = await fake.slash(alice, 'quiz', { options: { topic: 'fundamentals', difficulty: 'beginner' } }).response();
    expect(isEphemeral(card.message)).toBe(true);
    expect(embed(card.message).footer?.text).toContain('10 points');

    const answered = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(answered.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(answered.message!.id).toBe(card.message!.id);
    expect(text(answered.message)).toContain('Correct! **+10 points**');
    expect(embed(answered.message).fields?.map((f) => f.name)).toEqual(['Why', 'Model answer']);
    expect(embed(answered.message).color).toBe(TONE_COLOURS.success);
    expect(buttonLabels(answered.message)).toEqual(['Next question', 'Report']);

    const me = userRef(fake, alice);
    expect(await app.store.getStats(me)).toMatchObject({ answered: 1, correct: 1, points: 10 });
    expect((await app.store.getStreak(me)).current).toBe(1);
    const streak = await fake.slash(alice, 'streak').response();
    expect(text(streak.message)).toContain('1 day');
    const board = await fake.slash(alice, 'leaderboard').response();
    expect(text(board.message)).toContain('Alice — 10 points');
  });

  it('a wrong answer shows the right one and scores nothing; Next question replaces the card', async () => {
    const bob = fake.member('Bob');
    const card = await fake.slash(bob, 'quiz', { options: { topic: 'cnn' } }).response();
    const firstId = deliveryId(card.message);
    const answered = await fake.click(bob, card.message, wrongLabel(card.message)).response();
    expect(text(answered.message)).toContain(`Not quite: the answer is **${optionLabel(card.message, FIXTURE_CORRECT)}**`);
    expect(embed(answered.message).color).toBe(TONE_COLOURS.warning);
    expect(await app.store.getStats(userRef(fake, bob))).toMatchObject({ answered: 1, correct: 0, points: 0 });

    const next = await fake.click(bob, answered.message, 'Next question').response();
    expect(next.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(buttonLabels(next.message)).toEqual(['1', '2', '3', '4', 'Hint']);
    expect(deliveryId(next.message)).not.toBe(firstId);
  });
});

describe('hint', () => {
  it('shows the hint in the card and halves the points', async () => {
    const carol = fake.member('Carol');
    const card = await fake.slash(carol, 'quiz', { options: { topic: 'fundamentals', difficulty: 'intermediate' } }).response();
    const hinted = await fake.click(carol, card.message, 'Hint').response();
    expect(hinted.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(text(hinted.message)).toContain('💡 **Hint:** Think calculus.');
    expect(buttonLabels(hinted.message)).toEqual(['1', '2', '3', '4']);
    const answered = await fake.click(carol, hinted.message, optionLabel(hinted.message, FIXTURE_CORRECT)).response();
    expect(text(answered.message)).toContain('**+10 points** (halved for the hint)');
    expect((await app.store.getStats(userRef(fake, carol))).points).toBe(10);
  });
});

describe('open', () => {
  it('Answer opens a modal; the submission is graded with covered and missed points, score and model answer', async () => {
    const dan = fake.member('Dan');
    const card = await fake.slash(dan, 'quiz', { options: { topic: 'transformers', mode: 'open' } }).response();
    expect(buttonLabels(card.message)).toEqual(['Answer', 'Hint']);

    const opened = await fake.click(dan, card.message, 'Answer').response();
    expect(opened.firstCallback).toBe(InteractionResponseType.Modal);
    const modal = opened.record.modal!;
    expect(modal.custom_id).toBe(`bp1|quiz.submit|${deliveryId(card.message)}`);
    expect(modal.components[0]).toMatchObject({ type: 18, component: { type: 4, style: TextInputStyle.Paragraph, max_length: 4000, required: true } });

    const graded = await fake.submitModal(dan, opened, FIXTURE_GOOD_ANSWER).response();
    expect(graded.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(graded.message!.id).toBe(card.message!.id);
    expect(text(graded.message)).toContain('Score: **100/100** **+30 points**');
    expect(embed(graded.message).fields?.map((f) => f.name)).toEqual(['Covered (3)', 'Missed (0)', 'Model answer']);
    expect((await app.store.getStats(userRef(fake, dan))).points).toBe(30);
  });

  it('a weak answer lists what it missed; a 4,000-character answer is accepted', async () => {
    const erin = fake.member('Erin');
    const card = await fake.slash(erin, 'quiz', { options: { topic: 'cnn', mode: 'open' } }).response();
    const opened = await fake.click(erin, card.message, 'Answer').response();
    const long = `It uses the chain rule. ${'x'.repeat(4000 - 24)}`;
    expect(long).toHaveLength(4000);
    const graded = await fake.submitModal(erin, opened, long).response();
    expect(embed(graded.message).fields?.find((f) => f.name.startsWith('Missed'))?.value).toContain('▫️ One backward pass');
    expect(text(graded.message)).toMatch(/Score: \*\*\d+\/100\*\*/);
  });
});

describe('flash', () => {
  it('Reveal shows the model answer and four self-ratings; a rating scores and updates the card', async () => {
    const fay = fake.member('Fay');
    const card = await fake.slash(fay, 'quiz', { options: { topic: 'fundamentals', mode: 'flash', difficulty: 'beginner' } }).response();
    expect(buttonLabels(card.message)).toEqual(['Reveal', 'Hint']);
    const revealed = await fake.click(fay, card.message, 'Reveal').response();
    expect(revealed.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(embed(revealed.message).fields?.[0]?.name).toBe('Model answer');
    expect(buttonLabels(revealed.message)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    const rated = await fake.click(fay, revealed.message, 'Good').response();
    expect(text(rated.message)).toContain('You rated yourself **good**. **+5 points**');
    expect(await app.store.getStats(userRef(fake, fay))).toMatchObject({ answered: 1, points: 5 });
  });
});

describe('shared in the channel', () => {
  it('is public; each member answers once, privately; a second click gets a clear message', async () => {
    const gus = fake.member('Gus');
    const hana = fake.member('Hana');
    const card = await fake.slash(gus, 'quiz', { options: { topic: 'cnn', share: true } }).response();
    expect(isEphemeral(card.message)).toBe(false);
    expect(embed(card.message).footer?.text).toContain('everyone may answer once');
    const correct = optionLabel(card.message, FIXTURE_CORRECT);

    const hanaAnswer = await fake.click(hana, card.message, correct).response();
    expect(hanaAnswer.firstCallback).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(hanaAnswer.message)).toBe(true);
    expect(text(hanaAnswer.message)).toContain('Correct!');
    const gusAnswer = await fake.click(gus, card.message, wrongLabel(card.message)).response();
    expect(text(gusAnswer.message)).toContain('Not quite');

    const again = await fake.click(hana, card.message, wrongLabel(card.message)).response();
    expect(isEphemeral(again.message)).toBe(true);
    expect(text(again.message)).toContain('You have already answered this question');
    // The channel's card is untouched and still answerable by others.
    expect(buttonLabels(fake.state.messages.get(card.message!.id))).toEqual(['1', '2', '3', '4', 'Hint']);
    expect(await app.store.getStats(userRef(fake, hana))).toMatchObject({ answered: 1, correct: 1 });
  });
});

describe('clicks that may not count', () => {
  it("a click on someone else's personal question gets a private explanation and changes nothing", async () => {
    const ivy = fake.member('Ivy');
    const jon = fake.member('Jon');
    const card = await fake.slash(ivy, 'quiz', { options: { topic: 'cnn' } }).response();
    const stolen = await fake.click(jon, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(stolen.firstCallback).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(stolen.message)).toBe(true);
    expect(text(stolen.message)).toContain('This question belongs to someone else');
    expect(await app.store.getStats(userRef(fake, jon))).toMatchObject({ answered: 0 });
    expect(buttonLabels(fake.state.messages.get(card.message!.id))).toEqual(['1', '2', '3', '4', 'Hint']);
  });

  it('a click on a finished question says so', async () => {
    const kim = fake.member('Kim');
    const card = await fake.slash(kim, 'quiz', { options: { topic: 'cnn', mode: 'flash' } }).response();
    const revealed = await fake.click(kim, card.message, 'Reveal').response();
    const seenOnPhone = structuredClone(revealed.message!);
    await fake.click(kim, revealed.message, 'Easy').response();
    // The member still sees the rating buttons on a second device and clicks again.
    const late = await fake.clickAsSeen(kim, seenOnPhone, 'Hard').response();
    expect(isEphemeral(late.message)).toBe(true);
    expect(text(late.message)).toContain('You have already answered this question');
  });
});

describe('leaderboard pagination', () => {
  it('pages with Previous and Next buttons that update the message', async () => {
    // Eleven more members on the board, so it has a second page.
    for (let i = 0; i < 11; i++) {
      const m = fake.member(`Member${i}`);
      const card = await fake.slash(m, 'quiz', { options: { topic: 'transformers' } }).response();
      await fake.click(m, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    }
    const viewer = fake.member('Viewer');
    const page1 = await fake.slash(viewer, 'leaderboard', { options: { period: 'all' } }).response();
    expect(isEphemeral(page1.message)).toBe(false);
    const pages = embed(page1.message).footer?.text;
    expect(pages).toMatch(/^Page 1 of [2-9]/);
    expect(page1.message!.components?.[0]).toMatchObject({ components: [{ label: '◀ Previous', disabled: true }, { label: 'Next ▶', disabled: false }] });

    const page2 = await fake.click(viewer, page1.message, 'Next ▶').response();
    expect(page2.firstCallback).toBe(InteractionResponseType.UpdateMessage);
    expect(embed(page2.message).footer?.text).toMatch(/^Page 2 of/);
    expect(text(page2.message)).toMatch(/\*\*11\.\*\*/);
    const back = await fake.click(viewer, page2.message, '◀ Previous').response();
    expect(embed(back.message).footer?.text).toMatch(/^Page 1 of/);
    expect(text(back.message)).toContain('🥇');
  });
});
