import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank-loader.js';
import { createGrader } from '../../src/grading-ai/index.js';
import { silentLogger } from '../../src/core/ports.js';
import { projectRoot } from '../../src/paths.js';
import { userPrompt, SYSTEM_PROMPT } from '../../src/grading-ai/prompt.js';
import { FakeOpenAi } from '../support/fake-openai/fake-openai.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { usageDay } from '../../src/core/grading/ai-grader.js';
import { aUser } from '../support/builders.js';

/**
 * What an AI grading costs, measured on the fake endpoint's token counts (about 4 characters a
 * token, as English text runs with OpenAI's and Llama's tokenizers) for the bank's longest request.
 * README.md ("AI grading") quotes these figures; the bounds keep them true.
 */
const bank = loadBank(join(projectRoot, 'data'));
const longest = [...bank.questions].sort((a, b) => userPrompt(b, '').length - userPrompt(a, '').length)[0]!;

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await FakeOpenAi.start();
});
afterAll(async () => fake.stop());

describe('AI grading cost in tokens', () => {
  it(`for the longest entry (${longest.id}): a typical answer, and the longest Discord answer`, async () => {
    const store = await MemoryStore.open({ clock: { now: () => Date.now() } });
    const user = aUser('cost');
    const grader = await createGrader(
      { kind: 'ai', baseUrl: fake.baseUrl, model: 'test-model', timeoutMs: 5000, dailyLimit: 30, communityDailyLimit: 1000 },
      { questions: bank.questions, clock: { now: () => Date.now() }, logger: silentLogger, usage: store },
    );
    // A full reply: every key point with a quote of about ten words, one misconception, three sentences of feedback.
    const quote = 'the words of the answer that make this key point clearly';
    const reply = JSON.stringify({
      keyPoints: longest.keyPoints.map((_, i) => ({ index: i + 1, status: 'covered', quote })),
      misconceptions: [{ index: 1, quote }],
      feedback: 'You explain the main mechanism well and name the trade-off. Add why it matters at inference time. Also say what breaks when the assumption does not hold.',
    });
    fake.defaultReply = () => ({ content: reply });
    const typical = longest.answer.slice(0, 700); // about 110 words, a good interview answer
    const longestAnswer = 'x'.repeat(4000); // Discord's form limit (Slack's is 3,000)
    const figures = [];
    // The counts the endpoint reported, as the grader recorded them in the store.
    const day = usageDay(Date.now());
    for (const answer of [typical, longestAnswer]) {
      const before = await store.getTokenUsage(user.community, day);
      expect((await grader.grade(longest, answer, { user })).gradedBy).toBe('ai');
      const after = await store.getTokenUsage(user.community, day);
      figures.push({ answerChars: answer.length, promptTokens: after.promptTokens - before.promptTokens, completionTokens: after.completionTokens - before.completionTokens });
    }
    process.stdout.write(`AI grading cost, ${longest.id}: ${JSON.stringify(figures)}; system prompt ${Math.ceil(SYSTEM_PROMPT.length / 4)} tokens\n`);
    const [t, l] = figures as [(typeof figures)[0], (typeof figures)[0]];
    expect(t.promptTokens).toBeGreaterThan(400);
    expect(t.promptTokens).toBeLessThan(900);
    expect(l.promptTokens).toBeLessThan(1900);
    expect(t.completionTokens).toBeLessThan(350);
  });
});
