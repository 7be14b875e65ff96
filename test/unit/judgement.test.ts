import { describe, expect, it } from 'vitest';
import { gradeFromVerified, parseJudgement, verifyJudgement, type Judgement } from '../../src/core/grading/judgement.js';
import { graderNote } from '../../src/views/quiz-views.js';
import { aComparison, aQuestion } from '../support/builders.js';

const q = aQuestion({ prompt: 'How does backpropagation compute the gradient of the loss?' });
const judge = (keyPoints: Judgement['keyPoints'], misconceptions: Judgement['misconceptions'] = []): Judgement => ({ keyPoints, misconceptions, feedback: 'ok' });

describe('evidence-checked judgements', () => {
  it('a quote counts only if it is in the answer (spacing and case aside), long enough, and about the point', () => {
    const answer = 'Backprop applies the Chain   Rule.\nIt runs once, backward. It computes the gradient of the loss.';
    const v = verifyJudgement(q, answer, judge([
      { index: 1, status: 'covered', quote: 'applies the chain rule' }, // normalised match
      { index: 2, status: 'covered', quote: 'computes the gradient of the loss' }, // only the question's words
      { index: 3, status: 'covered', quote: 'backward' }, // too short to carry a point
    ]));
    expect(v.keyPoints.map((k) => k.status)).toEqual(['covered', 'missed', 'missed']);
    expect(verifyJudgement(q, answer, judge([{ index: 1, status: 'covered', quote: 'It runs once, backward' }])).keyPoints[0]!.status).toBe('missed'); // not about the chain rule
  });

  it('takes no quote that says a one-sided key point of the other side of a comparison', () => {
    const norms = aComparison();
    const answer = 'Layer norm keeps running statistics for inference. Layer norm is used in transformers.';
    const v = verifyJudgement(norms, answer, judge([
      { index: 1, status: 'covered', quote: 'Layer norm keeps running statistics' },
      { index: 2, status: 'covered', quote: 'Layer norm is used in transformers' },
    ]));
    expect(v.keyPoints.map((k) => k.status)).toEqual(['missed', 'covered', 'missed']);
  });

  it('ignores indexes that name no key point or misconception, and counts a misconception once', () => {
    const answer = 'We use finite differences to estimate each gradient, finite differences again.';
    const v = verifyJudgement(q, answer, judge([{ index: 7, status: 'covered', quote: 'use finite differences' }], [
      { index: 1, quote: 'use finite differences' },
      { index: 1, quote: 'finite differences again' },
      { index: 9, quote: 'use finite differences' },
    ]));
    expect(v.misconceptions).toEqual([{ index: 0, quote: 'use finite differences' }]);
    const g = gradeFromVerified(q, v);
    expect(g).toMatchObject({ score: 0, gradedBy: 'ai', covered: [] });
    expect(g.misconceptions[0]!.misconception.statement).toContain('finite differences');
  });

  it('reads plain, fenced and prose-wrapped JSON; rejects anything else', () => {
    const json = '{"keyPoints":[{"index":1,"status":"covered","quote":"x"}],"misconceptions":[],"feedback":"f"}';
    expect(parseJudgement(json)?.keyPoints).toHaveLength(1);
    expect(parseJudgement(`Sure!\n\`\`\`json\n${json}\n\`\`\``)?.feedback).toBe('f');
    expect(parseJudgement(`Here: ${json} Done.`)?.feedback).toBe('f');
    expect(parseJudgement('{"keyPoints": [{"index": "one"}]}')).toBeNull();
    expect(parseJudgement('no')).toBeNull();
  });

  it('the views say which grader graded and why the rubric did', () => {
    const base = { score: 1, pass: false, covered: [], missed: [], misconceptions: [] };
    expect(graderNote({ ...base, gradedBy: 'ai' })).toMatch(/^Graded by AI/);
    expect(graderNote({ ...base, gradedBy: 'rubric' })).toBe('Graded by the rubric.');
    expect(graderNote({ ...base, gradedBy: 'rubric', notice: 'ai-timeout' })).toMatch(/did not answer in time/);
    expect(graderNote({ ...base, gradedBy: 'rubric', notice: 'community-limit' })).toMatch(/this community has used today's AI gradings/);
  });
});
