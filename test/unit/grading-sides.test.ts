import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../src/core/bank/schema.js';
import { entryProblems } from '../../src/core/bank/editorial.js';
import type { Question } from '../../src/core/bank/schema.js';
import { earns, type Grade } from '../../src/core/grading/grader.js';
import { RubricGrader } from '../../src/core/grading/rubric.js';
import { keyPointSides, sideNamedBy, swapSides } from '../../src/core/grading/sides.js';
import { aQuestion } from '../support/builders.js';

const sides = [
  ['BatchNorm', 'batch norm', 'batch normalization'],
  ['LayerNorm', 'layer norm', 'layer normalization'],
];
const norms = aQuestion({
  id: 'batchnorm-vs-layernorm',
  prompt: 'What is the difference between batch normalization and layer normalization?',
  answer:
    'BatchNorm computes statistics for each feature over the batch, across its examples, and it keeps running statistics to use at inference time. LayerNorm computes statistics across the features of each example instead, so it does not depend on the other examples, works at batch size one and is the standard normalization in transformers and other sequence models, where batches of variable-length sequences are common. Both then apply a learned scale and shift to the normalized values.',
  keyPoints: [
    { point: 'BatchNorm normalizes each feature over the batch.', keywords: ['over the batch', 'across the batch'] },
    { point: 'LayerNorm normalizes each example across its own features.', keywords: ['across the features', 'each example'] },
    { point: 'BatchNorm keeps running statistics for inference.', keywords: ['running statistics', 'batch norm running mean'] },
    { point: 'LayerNorm is the standard in transformers.', keywords: ['transformers'] },
  ],
  sides,
});
const withoutSides = { ...norms, sides: undefined };
const grader = new RubricGrader([norms, withoutSides]);
/** The key points an answer earns any credit for (covered, or named once), by number. */
const earnedBy = (g: Grade, q: Question) => q.keyPoints.flatMap((kp, i) => (earns(g, kp) ? [i + 1] : []));
const covered = (answer: string, q = norms) => earnedBy(grader.gradeNow(q, answer), q);

describe('the sides of a comparison', () => {
  it('credits a one-sided key point only where the answer says it of that side', () => {
    const right = 'BatchNorm normalizes over the batch, while LayerNorm normalizes across the features of each example.';
    const swapped = 'LayerNorm normalizes over the batch, while BatchNorm normalizes across the features of each example.';
    expect(covered(right)).toEqual([1, 2]);
    expect(covered(swapped)).toEqual([]);
    expect(covered(swapped, withoutSides)).toEqual([1, 2]); // what the sides are for
    // The member is told which side each claim holds for, in their own words.
    expect(grader.gradeNow(norms, swapped).swapped?.map((s) => [s.quote, s.saidOf, s.holdsFor])).toEqual([
      ['LayerNorm normalizes over the batch', 'LayerNorm', 'BatchNorm'],
      ['BatchNorm normalizes across the features', 'BatchNorm', 'LayerNorm'],
    ]);
    expect(grader.gradeNow(norms, right).swapped).toBeUndefined();
    expect(grader.gradeNow(norms, norms.answer).missed).toEqual([]);
  });

  it('reads "It …" as the side named a sentence before, and a side after "unlike" or "than" as the one compared with', () => {
    expect(covered('Layer norm is different. It is the standard in transformers.')).toEqual([4]);
    expect(covered('Batch norm is different. It is the standard in transformers.')).toEqual([]);
    // Only a side named in the claim's own sentence is reported as a swap; "It …" just earns nothing.
    expect(grader.gradeNow(norms, 'Batch norm is different. It is the standard in transformers.').swapped).toBeUndefined();
    expect(covered('LayerNorm, unlike BatchNorm, is the standard in transformers.')).toEqual([4]);
    expect(covered('LayerNorm is more common than batch normalization in transformers.')).toEqual([4]);
    expect(covered('Compared with LayerNorm, batch normalization is rare in transformers.')).toEqual([]);
    expect(covered('LayerNorm differs from BatchNorm in being the standard in transformers.')).toEqual([4]);
    // A "which" clause is about the name just before it, even one only compared with.
    expect(covered('BatchNorm is rare there, unlike layer norm, which is the standard in transformers.')).toEqual([4]);
    // Names as written, not by stem: "layer norms" is a plural, "layering normal" is not a name.
    expect(covered('Layer norms are the standard in transformers.')).toEqual([4]);
    expect(covered('Batch norm is common in CNNs. Layering normal blocks is the standard in transformers.')).toEqual([]);
    // The side named in the claim's own stretch of words wins, even after it.
    expect(covered('Running statistics are what batch norm keeps, and the standard in transformers is layer norm.')).toEqual([3, 4]);
    expect(covered('Running statistics are what layer norm keeps, and the standard in transformers is batch norm.')).toEqual([]);
    // A claim with no side named near it is given the benefit…
    expect(covered('LayerNorm and BatchNorm differ. It is the standard in transformers.')).toEqual([4]);
    // …unless its keyword named the side: then the answer must say it of that side.
    expect(covered('BatchNorm is common in CNNs. It keeps a running mean.')).toEqual([3]);
    expect(covered('Both are common. They keep a running mean.')).toEqual([]);
    expect(covered('Both are common. Running mean kept by batch norm.')).toEqual([3]);
    expect(covered('Transformers use it everywhere.')).toEqual([4]);
  });

  it('treats "whereas" as the start of a claim, not its negation', () => {
    expect(covered('BatchNorm keeps running statistics, whereas LayerNorm is the standard in transformers.')).toEqual([3, 4]);
  });

  it('looks for a keyword that names its side without the name, so the name cannot come from another clause', () => {
    const q = aQuestion({
      id: 'gen-disc',
      prompt: 'How do generative and discriminative models differ?',
      answer: 'A discriminative model learns p(y|x) directly, while a generative model learns the joint p(x, y) and can sample new data.',
      keyPoints: [
        { point: 'Discriminative models learn p(y|x).', keywords: ['discriminative p(y|x)'] },
        { point: 'Generative models learn the joint p(x, y).', keywords: ['joint p(x, y)'] },
        { point: 'Generative models can sample new data.', keywords: ['sample new data'] },
      ],
      sides: [['generative'], ['discriminative']],
    });
    const g = new RubricGrader([q]);
    const points = (a: string) => earnedBy(g.gradeNow(q, a), q);
    expect(points(q.answer)).toEqual([1, 2, 3]);
    // The formula keeps its order (p(y|x) is not p(x, y)), and the name is the nearest side's.
    expect(points('A generative model learns p(y|x), while a discriminative model learns the joint p(x, y) and can sample new data.')).toEqual([]);
  });

  it('finds each key point\'s side in its statement: exactly one side named, else none', () => {
    expect(keyPointSides(norms.keyPoints, sides)).toEqual([0, 1, 0, 1]);
    expect(keyPointSides([{ point: 'BatchNorm and LayerNorm both learn a scale and shift.', keywords: ['scale'] }], sides)).toEqual([undefined]);
    expect(keyPointSides(norms.keyPoints, undefined)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('does not find a name inside a hyphenated word', () => {
    const paradigms = [['supervised'], ['unsupervised']];
    expect(sideNamedBy('Self-supervised learning makes its own labels.', paradigms)).toBeUndefined();
    expect(sideNamedBy('Supervised learning needs labels.', paradigms)).toBe(0);
    expect(sideNamedBy('Self-supervised pretraining, then supervised fine-tuning.', paradigms)).toBe(0);
  });

  it('swaps the names for bank tooling, longest name first, whole words only', () => {
    expect(swapSides('Batch normalization beats LayerNorm; a batch normalizer is not one.', sides)).toBe('LayerNorm beats BatchNorm; a batch normalizer is not one.');
  });
});

describe('sides in the bank', () => {
  it('refuses sides that change nothing, a name on two sides, or a name with no word to find', () => {
    const parse = (extra: object) => questionSchema.safeParse({ ...norms, ...extra });
    expect(parse({}).success).toBe(true);
    const issues = (extra: object) => {
      const r = parse(extra);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(issues({ sides: [['GroupNorm'], ['RMSNorm']] })).toEqual([expect.stringContaining('no key point names exactly one side')]);
    expect(issues({ sides: [['BatchNorm', 'norm'], ['LayerNorm', 'norms']] })).toEqual([expect.stringContaining('names two sides')]);
    expect(issues({ sides: [['BatchNorm', 'the'], ['LayerNorm']] })).toEqual([expect.stringContaining('no content word')]);
    expect(issues({ sides: [['BatchNorm']] }).length).toBeGreaterThan(0);
  });

  it('fails an entry whose one-sided key point is not earned by its own statement, or still earned with the names swapped', () => {
    expect(entryProblems(norms).filter((p) => p.includes('sides') || p.includes('own statement'))).toEqual([]);
    const unearned = { ...norms, keyPoints: norms.keyPoints.map((kp, i) => (i === 3 ? { ...kp, point: 'LayerNorm is what sequence models use.' } : kp)) };
    expect(entryProblems(unearned)).toContainEqual(expect.stringContaining('keyPoints.3: its own statement does not earn it'));
    // The grader reads "Batch norms" as a name of the side; the swap, whole words only, does not.
    const plural = { ...norms, keyPoints: norms.keyPoints.map((kp, i) => (i === 2 ? { ...kp, point: 'Batch norms keep running statistics for inference.' } : kp)) };
    expect(entryProblems(plural)).toContainEqual(expect.stringContaining('keyPoints.2: still earned with the sides swapped ("Batch norms keep'));
  });
});
