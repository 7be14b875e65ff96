import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType } from 'discord-api-types/v10';
import { FakeOpenAi } from '../../support/fake-openai/fake-openai.js';
import { FIXTURE_JUDGEMENT, makeAiTestApp } from '../../support/fake-openai/ai-app.js';
import { embed, FIXTURE_GOOD_ANSWER, text, userRef } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

let ai: FakeOpenAi;
beforeAll(async () => {
  ai = await FakeOpenAi.start({ apiKey: 'sk-e2e' });
});
afterAll(async () => ai?.stop());

// The app is built in the world's beforeAll, after the fake endpoint above has started.
const world = useBotWorld(() => makeAiTestApp(ai));

describe('AI grading through discord.js', () => {
  it('a slow AI grading is deferred within 3 s, then the card shows the verified grade, the feedback and the model answer', async () => {
    const { fake, app } = world;
    ai.reply({ content: FIXTURE_JUDGEMENT, delayMs: 2500 });
    const dan = fake.member('Dan');
    const card = await fake.slash(dan, 'quiz', { options: { topic: 'transformers', mode: 'open' } }).response();
    const opened = await fake.click(dan, card.message, 'Answer').response();
    const graded = await fake.submitModal(dan, opened, FIXTURE_GOOD_ANSWER).waitFor((h) => h.record.edits > 0, 'the graded card');
    expect(graded.firstCallback).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(graded.record.callbacks[0]!.at - graded.record.dispatchedAt).toBeLessThan(3000);
    expect(graded.message!.id).toBe(card.message!.id);

    const shown = text(graded.message);
    expect(shown).toContain('Score: **83/100** **+25 points**');
    expect(shown).toContain('Graded by AI: only points your own words show count.');
    expect(embed(graded.message).fields?.map((f) => f.name)).toEqual(['Covered (2)', 'Partly covered (1)', 'Missed (0)', 'Feedback', 'Model answer']);
    expect(shown).toContain('Say why reverse mode beats forward mode here. @everyone'); // shown, and pings no one (checked after each test)
    expect(ai.completions[0]!.messages[1]!.content).toContain(`<answer>\n${FIXTURE_GOOD_ANSWER}\n</answer>`);
    expect((await app.store.getStats(userRef(fake, dan))).points).toBe(25);
  });
});
