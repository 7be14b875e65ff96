import type { App } from '../../../src/bootstrap.js';
import { createGrader } from '../../../src/grading-ai/index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { fixtureBank, makeTestApp } from '../app.js';
import type { FakeOpenAi } from './fake-openai.js';
import { silentLogger } from '../../../src/core/ports.js';

/** A test app whose open answers are graded by the AI grader against the fake endpoint. */
export async function makeAiTestApp(fake: FakeOpenAi, over: { timeoutMs?: number; dailyLimit?: number } = {}): Promise<App & { usage: MemoryStore }> {
  const clock = { now: () => Date.now() };
  const store = await MemoryStore.open({ clock });
  const grader = await createGrader(
    { kind: 'ai', baseUrl: fake.baseUrl, apiKey: fake.apiKey, model: fake.models[0]!, timeoutMs: over.timeoutMs ?? 12_000, dailyLimit: over.dailyLimit ?? 30, communityDailyLimit: 1000 },
    { questions: fixtureBank().questions, clock, logger: silentLogger, usage: store },
  );
  return { ...(await makeTestApp({ store, clock, grader })), usage: store };
}

/** The fixture entries' rubric (test/support/builders.ts), judged with quotes from FIXTURE_GOOD_ANSWER-like text. */
export const FIXTURE_JUDGEMENT = JSON.stringify({
  keyPoints: [
    { index: 1, status: 'covered', quote: 'applies the chain rule' },
    { index: 2, status: 'partial', quote: 'the gradient of the loss' },
    { index: 3, status: 'covered', quote: 'in one backward pass' },
  ],
  misconceptions: [],
  feedback: 'Correct and concise. Say why reverse mode beats forward mode here. @everyone',
});
