import { describe, expect, it } from 'vitest';
import { blindTestTaker, MAX_BLIND_SCORE, styleTells, vocabularyModelScores, wordChoiceModelScores } from '../../src/core/bank/blind-test-taker.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
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

  it('finds a key the distractors were edited from (each changes one part of it): the convergence cue', () => {
    // Key: subject, verb, object of item i; each distractor swaps one of the three for another item's.
    const edited = Array.from({ length: 120 }, (_, i) => {
      const [s, v, o] = [pick(subjects, i), pick(verbs, i * 3 + 1), pick(objects, i * 5 + 2)];
      const [s2, v2, o2] = [pick(subjects, i + 3), pick(verbs, i * 3 + 4), pick(objects, i * 5 + 5)];
      return aQuestion({
        id: `q${i}`,
        prompt: `Question number ${i} about something particular?`,
        choices: { correct: `${s} ${v} ${o} before each step.`, distractors: [`${s2} ${v} ${o} before each step.`, `${s} ${v2} ${o} before each step.`, `${s} ${v} ${o2} before each step.`] },
      });
    });
    const report = blindTestTaker(edited);
    expect(report.strategies['pick the one the others converge on (most words shared with them)']).toBeGreaterThan(0.9);
    expect(report.strategies['fitted style model (cross-validated)']).toBeGreaterThan(0.8);
    expect(bankProblems(edited).join('\n')).toMatch(/a content-blind test-taker scores \d+% by "pick the one the others converge on/);
  });

  it('finds keys told apart by their small words alone (qualified keys, overclaiming distractors), through the word-choice model', () => {
    // Same length and shape; the key says "but still", each distractor "mainly over the".
    const worded = entries((i, isKey) => (isKey ? `${sentence(i)}, but still with care.` : `${sentence(i)}, mainly over the top.`));
    const report = blindTestTaker(worded);
    expect(report.strategies['fitted word-choice model (function words, cross-validated)']).toBeGreaterThan(0.9);
    expect(report.strategies['fitted word-choice model, reversed (the option it rates lowest)']).toBeLessThan(0.1);
    expect(report.strategies['pick the longest']).toBeLessThan(0.5);
    expect(report.strategies['pick the shortest']).toBeLessThan(0.5);
  });

  it('reports, beside the check, a model over every recurring word: keys about one thing, distractors about another', () => {
    // Same length, no word shared more by one option than another: only the word itself tells.
    const themed = entries((i, isKey) => `${sentence(i)} for ${isKey ? 'gradient' : pick(['training', 'accuracy', 'sampling'], i)}.`);
    const vocabulary = vocabularyModelScores(themed);
    expect(mean(vocabulary.top)).toBeGreaterThan(0.9);
    expect(mean(vocabulary.bottom)).toBeLessThan(0.1);
    // The word-choice model sees only function words, which these options share.
    expect(mean(wordChoiceModelScores(themed).top)).toBeLessThan(0.5);
  });

  it('stays near chance when the key looks like the others', () => {
    const fair = entries((i) => `${sentence(i)}.`);
    const report = blindTestTaker(fair);
    expect(report.bestScore).toBeLessThanOrEqual(MAX_BLIND_SCORE);
    expect(bankProblems(fair).join('\n')).not.toMatch(/content-blind/);
  });
});
