import { describe, expect, it } from 'vitest';
import { blindTestTaker, MAX_BLIND_SCORE, styleTells } from '../../src/core/bank/blind-test-taker.js';
import { bankProblems } from '../../scripts/bank/quality.js';
import { aQuestion } from '../support/builders.js';

// Options built from the same few templates; only the style differs between banks.
const subjects = ['the optimizer', 'the encoder', 'the loss', 'the scheduler', 'the tokenizer', 'the critic', 'the decoder', 'the probe'];
const verbs = ['rescales', 'mixes', 'filters', 'ranks', 'splits', 'merges', 'masks', 'pools'];
const objects = ['the gradients', 'the logits', 'the tokens', 'the features', 'the labels', 'the batches', 'the weights', 'the scores'];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
const sentence = (i: number) => `${pick(subjects, i)} ${pick(verbs, i * 3 + 1)} ${pick(objects, i * 5 + 2)} before each step`;

function entries(style: (i: number, isKey: boolean) => string, n = 120) {
  return Array.from({ length: n }, (_, i) =>
    aQuestion({
      id: `q${i}`,
      prompt: `Question number ${i} about something particular?`,
      choices: { correct: style(i * 4, true), distractors: [style(i * 4 + 1, false), style(i * 4 + 2, false), style(i * 4 + 3, false)] },
    }),
  );
}

describe('the content-blind test-taker', () => {
  it('beats chance by far on a bank whose wrong options carry absolutes and justifications', () => {
    const telling = entries((i, isKey) => (isKey ? `${sentence(i)}.` : i % 2 ? `${sentence(i)}, always.` : `${sentence(i)}, because it must.`));
    const report = blindTestTaker(telling);
    expect(report.bestScore).toBeGreaterThan(0.9);
    expect(bankProblems(telling).join('\n')).toMatch(/a content-blind test-taker scores \d+%/);
    expect(styleTells(telling[0]!)).toContain('the key is the only option without an absolute word (only, all, never, …)');
  });

  it('finds a key that is usually the longest, through its fitted style model too', () => {
    const longer = entries((i, isKey) => (isKey ? `${sentence(i)} and again after` : sentence(i)));
    const report = blindTestTaker(longer);
    expect(report.strategies['pick the longest']).toBeGreaterThan(0.9);
    expect(report.strategies['fitted style model (cross-validated)']).toBeGreaterThan(0.8);
  });

  it('stays near chance when the key looks like the others', () => {
    const fair = entries((i) => `${sentence(i)}.`);
    const report = blindTestTaker(fair);
    expect(report.bestScore).toBeLessThanOrEqual(MAX_BLIND_SCORE);
    expect(bankProblems(fair).join('\n')).not.toMatch(/content-blind/);
  });
});
