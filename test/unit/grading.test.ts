import { describe, expect, it } from 'vitest';
import { combine, RubricGrader, SCORING } from '../../src/core/grading/rubric.js';
import { statedMisconceptions } from '../../src/core/grading/misconceptions.js';
import { misconceptionSchema } from '../../src/core/bank/schema.js';
import { StemmedText, stemTokens } from '../../src/core/grading/text-match.js';
import { aQuestion } from '../support/builders.js';
import type { Grade } from '../../src/core/grading/grader.js';

const l1l2 = aQuestion({
  id: 'l1-l2',
  prompt: 'How do L1 and L2 regularization differ?',
  answer:
    'L1 adds the absolute values of the weights to the loss; its constant pull drives many weights to exactly zero, so the model becomes sparse. L2 adds the squared weights; its pull shrinks each weight in proportion to its size, so weights get small but rarely reach zero.',
  keyPoints: [
    { point: 'L1 produces sparse weights, many exactly zero.', keywords: ['exactly zero', 'sparse'] },
    { point: 'L2 shrinks weights smoothly without zeroing them.', keywords: ['in proportion to its size', 'shrinks each weight', 'rarely reach zero'] },
    { point: 'L1 penalises absolute values, L2 squared values.', keywords: ['absolute values', 'squared weights'] },
  ],
  misconceptions: [
    { statement: 'L2 makes weights exactly zero.', correction: 'That is L1: L2 shrinks weights but rarely to zero.', evidence: [['L2', 'exactly zero'], ['L2', 'sparse']], keyPoint: 1 },
    { statement: 'L1 shrinks weights in proportion to their size.', correction: 'That is L2; L1 pulls with a constant force.', evidence: [['L1', 'in proportion']], keyPoint: 2 },
  ],
});
const other = aQuestion({
  id: 'other',
  prompt: 'What is a convolution?',
  answer: 'A convolution slides a small kernel of shared weights over the image and sums elementwise products, giving a feature map that responds to local patterns wherever they appear.',
});
const grader = new RubricGrader([l1l2, other, aQuestion()]);
const grade = (answer: string, q = l1l2) => grader.gradeNow(q, answer);
/** The key points a grade gives any credit: covered, or named once (partial). */
const earned = (g: Grade) => [...g.covered, ...(g.partial ?? [])].map((k) => k.point);

describe('text matching', () => {
  it('stems and drops stopwords on both sides', () => {
    expect(stemTokens('The Gradients of the losses')).toEqual(stemTokens('gradient loss'));
    const t = new StemmedText('We compute the sum of the squares of residuals.');
    expect(t.hasPhrase('sum of squares')).toBe(true);
    expect(t.hasPhrase('')).toBe(false);
  });

  it('matches a phrase in any order within a short window, not inside other words or far apart', () => {
    const t = new StemmedText('Dropout zeroes activations randomly; it is not a pooling trick.');
    expect(t.hasPhrase('randomly zero')).toBe(true);
    expect(t.hasPhrase('drop')).toBe(false);
    expect(new StemmedText('weights are zero. Much later, after many unrelated words here, randomly').hasPhrase('randomly zero')).toBe(false);
  });

  it("reads every contraction of not the same way (doesn't, don't, didn't, can't, won't)", () => {
    const not = stemTokens('it does not decay');
    for (const said of ["it doesn't decay", "it don't decay", "it didn't decay", 'it do not decay']) expect(stemTokens(said), said).toEqual(not);
    expect(stemTokens("it can't decay")).toEqual(stemTokens('it can not decay'));
    expect(stemTokens('it cannot decay')).toEqual(stemTokens('it can not decay'));
    expect(new StemmedText('an autoencoder cannot rebuild it').hasPhrase('not rebuild')).toBe(true);
    expect(stemTokens("it won't decay")).toEqual(stemTokens('it will not decay'));
  });

  it('sees negation within the clause, not beyond it', () => {
    const t = new StemmedText("Dropout isn't pruning; it randomly zeroes units.");
    const [pruning] = t.findPhrase('pruning');
    const [zeroes] = t.findPhrase('randomly zeroes');
    expect(t.isNegated(pruning!)).toBe(true);
    expect(t.isNegated(zeroes!)).toBe(false);
    expect(t.quote(zeroes!)).toBe('randomly zeroes');
  });
});

describe('the rubric grader', () => {
  it('gives the model answer 100 and blank, echoed or off-topic answers under 20', () => {
    expect(grade(l1l2.answer).score).toBe(100);
    expect(grade(l1l2.prompt).score).toBe(0);
    expect(grade('How do L1 and L2 regularization differ? L1 and L2 regularization differ.').score).toBe(0);
    expect(grade('No idea.').score).toBe(0);
    expect(grade(other.answer).score).toBeLessThan(20);
  });

  it('gives no credit for the right words stating swapped facts, and names the misconception', () => {
    const swapped = grade('L2 adds the squared weights and drives many of them to exactly zero, making the model sparse. L1 shrinks each weight in proportion to its size.');
    expect(swapped.misconceptions.map((m) => m.misconception.statement)).toEqual(['L2 makes weights exactly zero.', 'L1 shrinks weights in proportion to their size.']);
    expect(swapped.misconceptions[0]!.quote).toMatch(/L2 adds the squared weights and drives many of them to exactly zero/);
    expect(earned(swapped)).toEqual(['L1 penalises absolute values, L2 squared values.']);
    expect(swapped.score).toBeLessThan(40);
    expect(swapped.pass).toBe(false);
  });

  it('does not take a negated misconception for a stated one', () => {
    const r = grade('L1 pushes weights to exactly zero, giving a sparse model, whereas L2 does not make them exactly zero: it shrinks each weight in proportion to its size.');
    expect(r.misconceptions).toEqual([]);
    expect(r.covered).toHaveLength(2);
  });

  it('gives a key point stated at one place part of its credit, and all of it where the answer says more', () => {
    const once = new RubricGrader([l1l2], { ...SCORING, keyPointWeight: 1, conciseWords: 0 });
    const share = (answer: string) => once.gradeNow(l1l2, answer).score;
    // Key point 1 alone, of three: "exactly zero" at one place earns half of a third.
    expect(share('L1 drives many weights to exactly zero.')).toBe(Math.round((100 * SCORING.singleMentionCredit) / 3));
    // A one-word keyword is a name: said twice with nothing else, it is still one place.
    expect(share('L1 gives sparse weights. Sparse models are smaller.')).toBe(Math.round((100 * SCORING.singleMentionCredit) / 3));
    // Said again elsewhere ("sparse"), it earns all of it; it is listed as covered either way.
    expect(share('L1 drives many weights to exactly zero, so the model is sparse.')).toBe(33);
    // Named once, the point is listed as partly made; explained, as covered.
    expect(once.gradeNow(l1l2, 'L1 drives many weights to exactly zero.').partial?.map((k) => k.point)).toEqual(['L1 produces sparse weights, many exactly zero.']);
    expect(once.gradeNow(l1l2, 'L1 drives many weights to exactly zero, so the model is sparse.').covered.map((k) => k.point)).toEqual(['L1 produces sparse weights, many exactly zero.']);
  });

  it('gives a short answer full credit for a point stated once, but not for a term only listed', () => {
    const concise = new RubricGrader([l1l2], { ...SCORING, keyPointWeight: 1, singleMentionCredit: 0.5, conciseWords: 10 });
    const share = (answer: string) => concise.gradeNow(l1l2, answer).score;
    // Five content words, at most conciseWords: the point stated once earns all of its third, and
    // is shown as made, not as only named.
    expect(share('L1 drives many weights to exactly zero.')).toBe(33);
    expect(concise.gradeNow(l1l2, 'L1 drives many weights to exactly zero.').covered.map((k) => k.point)).toEqual(['L1 produces sparse weights, many exactly zero.']);
    expect(concise.gradeNow(l1l2, 'L1 drives many weights to exactly zero.').partial).toEqual([]);
    // Fifteen: halfway from conciseWords to twice as many, so three quarters of it.
    expect(share('L1 drives many weights to exactly zero. Tuning its strength takes care, validation data, spare compute and patience.')).toBe(25);
    // Twenty or more: the single-mention share.
    expect(share('L1 drives many weights to exactly zero. Tuning its strength takes care, validation data, spare compute, several runs, good judgement, time and patience.')).toBe(17);
    // A term among a list of terms is named, not stated, however short the answer.
    expect(share('Regularization: L1, exactly zero, priors, dropout.')).toBe(17);
    const listed = (text: string) => {
      const t = new StemmedText(text);
      return t.findPhrase('exactly zero').map((span) => t.isListed(span));
    };
    expect(listed('Regularization: L1, exactly zero, priors, dropout.')).toEqual([true]);
    expect(listed('L1 drives many weights to exactly zero, so the model is sparse.')).toEqual([false]);
  });

  it('judges a short answer that states two key points in full on its core, not on every point', () => {
    const six = aQuestion({
      id: 'adam',
      prompt: 'How does the Adam optimizer work?',
      keyPoints: [
        { point: 'It keeps a moving average of gradients (momentum).', keywords: ['moving average of the gradients'] },
        { point: 'It keeps a moving average of squared gradients.', keywords: ['average of the squared gradients'] },
        { point: 'Each parameter gets its own step size.', keywords: ['own step size'] },
        { point: 'Bias correction fixes the zero-initialised averages.', keywords: ['bias correction'] },
        { point: 'AdamW decouples weight decay.', keywords: ['decoupled weight decay'] },
        { point: 'It can generalise worse than SGD.', keywords: ['generalise worse'] },
      ],
    });
    const judge = (corePoints: number) => new RubricGrader([six], { ...SCORING, keyPointWeight: 1, conciseWords: 30, corePoints });
    const brief = 'Adam keeps a moving average of the gradients and divides by the root of an average of the squared gradients.';
    // Two of six points stated in a short answer: a third of the credit over all six, half over a core of four.
    expect(judge(0).gradeNow(six, brief).score).toBe(33);
    expect(judge(4).gradeNow(six, brief).score).toBe(50);
    // One point stated is not enough to be judged on the core.
    expect(judge(4).gradeNow(six, 'Adam keeps a moving average of the gradients.').score).toBe(17);
    // A list of terms states no point in full: nothing changes.
    const list = 'Adam: moving average of the gradients, average of the squared gradients, bias correction, own step size.';
    expect(judge(4).gradeNow(six, list).score).toBe(judge(0).gradeNow(six, list).score);
    // A long answer is judged on every point.
    const long = `${brief} It is the default optimiser for transformers and many other networks, works out of the box with the usual learning rate, needs little tuning in practice, copes with noisy and sparse problems, and is what most tutorials and libraries reach for first when training from scratch on new data sets of any size.`;
    expect(judge(4).gradeNow(six, long).score).toBe(judge(0).gradeNow(six, long).score);
  });

  it('reads two phrases that share a word between them as two places', () => {
    // "derivatives of the loss" and "gradient of the loss": each takes its own "loss".
    const q = aQuestion();
    const g = new RubricGrader([q]).gradeNow(q, 'It takes derivatives of the loss, the gradient of the loss, by the chain rule.');
    expect(g.covered.map((k) => k.point)).toEqual(['Computes the gradient of the loss']);
    expect(g.partial?.map((k) => k.point)).toEqual(['Uses the chain rule']);
  });

  it('does not take what something is compared with for what the claim is about', () => {
    // "L2 … exactly zero" is all there, but L2 is only what L1 is compared with.
    expect(grade('L1 differs from L2 in that it gives exactly zero weights.').misconceptions).toEqual([]);
    expect(grade('L1, rather than L2, gives exactly zero weights.').misconceptions).toEqual([]);
    expect(grade('L2 gives exactly zero weights.').misconceptions).toHaveLength(1);
  });

  it('credits a complete answer in other words above the pass line', () => {
    const r = grade('With L1 (absolute values) many coefficients become exactly zero so you get a sparse model; L2 penalises squared weights and shrinks each weight in proportion to its size instead.');
    expect(r.covered).toHaveLength(3);
    expect(r.pass).toBe(true);
  });

  it('blends key points, similarity and misconceptions into 0–100', () => {
    expect(combine(1, 1, 0)).toBe(100);
    expect(combine(0, 0, 0)).toBe(0);
    expect(combine(1, 0, 0)).toBeLessThan(combine(1, 0.5, 0));
    expect(combine(1, 1, 1)).toBeLessThan(combine(1, 1, 0));
    expect(combine(0, 0, 3)).toBe(0);
  });

  it('detects a misconception only when its evidence stands close together', () => {
    const far = new StemmedText(`L2 ${'is a method that people use a lot in practice with many models and data '.repeat(2)} exactly zero`);
    expect(statedMisconceptions(far, l1l2.misconceptions)).toEqual([]);
  });

  it('tells a swapped comparison from the right one with an in-order evidence group; an unordered group cannot', () => {
    const swap = { statement: 'An LSTM has fewer parameters than a GRU.', correction: 'A GRU has two gates and no cell state, so it has fewer parameters than an LSTM.', keyPoint: 1 };
    const right = new StemmedText('A GRU has fewer parameters than an LSTM, since it drops the output gate.');
    const wrong = new StemmedText('An LSTM has fewer parameters than a GRU, since it drops the output gate.');
    const ordered = [{ ...swap, evidence: [['in order', 'LSTM', 'fewer parameters', 'GRU']] }];
    const unordered = [{ ...swap, evidence: [['LSTM', 'fewer parameters', 'GRU']] }];
    expect(statedMisconceptions(wrong, ordered).map((m) => m.quote)).toEqual(['LSTM has fewer parameters than a GRU']);
    expect(statedMisconceptions(right, ordered)).toEqual([]);
    expect(statedMisconceptions(right, unordered)).toHaveLength(1); // why the order is needed
    // Within an ordered group a phrase's own words keep their order too.
    const alone = [{ ...swap, evidence: [['in order', 'fewer parameters than a GRU']] }];
    expect(statedMisconceptions(new StemmedText('It has fewer parameters than a GRU.'), alone)).toHaveLength(1);
    expect(statedMisconceptions(new StemmedText('A GRU has fewer parameters.'), alone)).toEqual([]);
    expect(statedMisconceptions(new StemmedText('A GRU has fewer parameters.'), [{ ...swap, evidence: [['fewer parameters than a GRU']] }])).toHaveLength(1);
    // The marker is not a phrase, and it only opens a group.
    expect(misconceptionSchema.safeParse({ ...swap, evidence: [['in order']] }).success).toBe(false);
    expect(misconceptionSchema.safeParse({ ...swap, evidence: [['LSTM', 'in order', 'GRU']] }).success).toBe(false);
    expect(misconceptionSchema.safeParse(ordered[0]).success).toBe(true);
  });
});

describe('sentences', () => {
  it('reads a wrapped line as one sentence; a blank line or a new list item ends it', () => {
    expect(new StemmedText('the weights shrink\ntoward zero').hasPhrase('shrink toward zero')).toBe(true);
    expect(new StemmedText('the weights shrink\n\ntoward zero').hasPhrase('shrink toward zero')).toBe(false);
    expect(new StemmedText('- the weights shrink\n- toward zero').hasPhrase('shrink toward zero')).toBe(false);
  });
});

describe('words', () => {
  it('keeps "non-" with its word', () => {
    expect(new StemmedText('the series is non-stationary').hasPhrase('stationary')).toBe(false);
    expect(new StemmedText('the series is non-stationary').hasPhrase('nonstationary')).toBe(true);
    expect(new StemmedText('a nonlinear activation').hasPhrase('non-linear activation')).toBe(true);
  });

  it('takes the occurrence in the same sentence when two are equally close', () => {
    const t = new StemmedText('We care about privacy. Differential privacy adds noise to the final predictions.');
    expect(t.hasPhrase('privacy adds noise')).toBe(true);
  });
});

describe('negation scope', () => {
  it('stops at a conjunction', () => {
    const t = new StemmedText('An RNN cannot be parallelized and suffers from vanishing gradients.');
    expect(t.isNegated(t.findPhrase('parallelized')[0]!)).toBe(true);
    expect(t.isNegated(t.findPhrase('vanishing gradients')[0]!)).toBe(false);
  });
});

describe('stems', () => {
  it('folds an adverb into its adjective', () => {
    expect(new StemmedText('each unit is set to zero at random').hasPhrase('randomly zero')).toBe(true);
    expect(stemTokens('exactly smoothly only early')).toEqual(['exact', 'smooth', 'onli', 'earli']);
  });
});
