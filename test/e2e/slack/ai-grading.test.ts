import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageDay } from '../../../src/core/grading/ai-grader.js';
import { FakeOpenAi } from '../../support/fake-openai/fake-openai.js';
import { FIXTURE_JUDGEMENT, makeAiTestApp } from '../../support/fake-openai/ai-app.js';
import { startHarness, TEAM, type Harness } from './harness.js';

const ANSWER = 'It applies the chain rule to get the gradient of the loss for every weight in one backward pass.';

let ai: FakeOpenAi;
let h: Harness;
let app: Awaited<ReturnType<typeof makeAiTestApp>>;
beforeAll(async () => {
  ai = await FakeOpenAi.start();
  app = await makeAiTestApp(ai, { dailyLimit: 1 });
  h = await startHarness({ app });
});
afterAll(async () => {
  await h?.stop();
  await ai?.stop();
});

describe('AI grading through Bolt', () => {
  it('a modal answer graded by the AI after the ack; past the daily cap the rubric grades and says so', async () => {
    ai.reply({ content: FIXTURE_JUDGEMENT, delayMs: 2500, usage: { prompt_tokens: 400, completion_tokens: 70 } });
    const bob = h.member('U2');
    const card = await bob.run('quiz fundamentals intermediate open');
    const click = await bob.click(card, 'Answer');
    const open = await h.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === click.triggerId);
    const started = Date.now();
    const acked = await bob.submit(open, ANSWER);
    expect(Date.now() - started).toBeLessThan(3000); // Slack's 3 seconds: the modal closes at once
    expect(acked).toEqual({ status: 200, body: null });
    const result = await h.fake.waitForResponse(click.responseUrl!);
    expect(result.body['replace_original']).toBe(true);
    const shown = JSON.stringify(result.body['blocks']);
    expect(shown).toContain('Score: *83/100*');
    expect(shown).toContain('Graded by AI: only points your own words show count.');
    expect(shown).toContain('Partly covered (1)');
    expect(shown).toContain('Say why reverse mode beats forward mode here. @everyone');
    expect(shown).not.toContain('<!everyone>');
    expect(await app.usage.getTokenUsage({ platform: 'slack', id: TEAM }, usageDay(Date.now()))).toEqual({ calls: 1, promptTokens: 400, completionTokens: 70 });

    // The member's one AI grading of the day is used: the next answer is graded by the rubric.
    const next = await bob.run('quiz cnn open');
    const click2 = await bob.click(next, 'Answer');
    const open2 = await h.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === click2.triggerId);
    await bob.submit(open2, ANSWER);
    const capped = JSON.stringify((await h.fake.waitForResponse(click2.responseUrl!)).body['blocks']);
    expect(capped).toContain("Graded by the rubric: you have used today's AI gradings");
    expect(ai.completions).toHaveLength(1);
  });
});
