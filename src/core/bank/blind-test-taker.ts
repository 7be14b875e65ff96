import type { Question } from './schema.js';
import { stemTokens } from '../grading/text-match.js';

/**
 * A content-blind test-taker: it never reads what the options mean, only how they look. If it beats
 * chance (25%) by much, the multiple choice measures test-wiseness, not knowledge. It plays the cues
 * test-wise candidates use, alone and combined, and a small model fitted on those style features and
 * scored by cross-validation (a candidate who has practised on the bank's style).
 */

/** The share a blind strategy may reach over the bank before the check fails (chance is 25%). */
export const MAX_BLIND_SCORE = 0.33;

const ABSOLUTE = /\b(only|any|all|always|never|entirely|every|none|no|completely|solely|purely|must|cannot|can't|guaranteed|impossible|whole|totally|fully|exactly|nothing|everything|nobody|whatever)\b/i;
const JUSTIFICATION = /\b(since|because|so|therefore|thus|hence|which means|in order to|as a result|so that)\b|,\s*as\b/i;
const HEDGE = /\b(usually|often|typically|can|may|might|tends?|generally|mostly|some|roughly|about|more|less|rather)\b/i;

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** The options of an entry in a fixed order: the key first (index 0), then the distractors. */
export const optionsOf = (q: Question) => [q.choices.correct, ...q.choices.distractors];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))) || 1;
};
const zScores = (xs: number[]) => {
  const m = mean(xs);
  const s = sd(xs);
  return xs.map((x) => (x - m) / s);
};

/** Style features of each option, each relative to the entry's other options where that matters. */
export function optionFeatures(q: Question): number[][] {
  const opts = optionsOf(q);
  const promptStems = new Set(stemTokens(`${q.prompt} ${q.choicePrompt ?? ''}`));
  const lengths = opts.map((o) => o.length);
  const overlap = opts.map((o) => {
    const stems = stemTokens(o);
    return stems.length === 0 ? 0 : stems.filter((s) => promptStems.has(s)).length / stems.length;
  });
  const commas = opts.map((o) => (o.match(/[,;:(]/g) ?? []).length);
  const firstWords = opts.map((o) => (words(o)[0] ?? '').toLowerCase());
  const lz = zScores(lengths);
  const oz = zScores(overlap);
  const cz = zScores(commas);
  return opts.map((o, i) => [
    ABSOLUTE.test(o) ? 1 : 0,
    JUSTIFICATION.test(o) ? 1 : 0,
    HEDGE.test(o) ? 1 : 0,
    lz[i]!,
    Math.abs(lz[i]!),
    oz[i]!,
    cz[i]!,
    firstWords.filter((w) => w === firstWords[i]).length === 1 ? 1 : 0,
    /\d/.test(o) ? 1 : 0,
  ]);
}

/** Expected score of picking uniformly among the options a rule keeps (the key is option 0). */
function pickAmong(keep: boolean[]): number {
  const kept = keep.filter(Boolean).length;
  if (kept === 0) return 0.25;
  return keep[0] ? 1 / kept : 0;
}

/** Keeps the options with the best value (highest); ties share the credit. */
function best(values: number[]): boolean[] {
  const top = Math.max(...values);
  return values.map((v) => v >= top - 1e-9);
}

type Rule = (f: number[][]) => boolean[];
const strike = (feature: number, value: number): Rule => (f) => {
  const keep = f.map((x) => x[feature] !== value);
  return keep.some(Boolean) ? keep : f.map(() => true);
};
const both = (a: Rule, b: Rule): Rule => (f) => {
  const first = a(f);
  const second = b(f);
  const keep = first.map((k, i) => k && second[i]!);
  return keep.some(Boolean) ? keep : first;
};

/** The cues a test-wise candidate uses, alone and combined. */
export const BLIND_RULES: Record<string, Rule> = {
  'strike absolute words': strike(0, 1),
  'strike justification clauses': strike(1, 1),
  'strike absolutes and justifications': both(strike(0, 1), strike(1, 1)),
  'prefer hedged options': strike(2, 0),
  'pick the longest': (f) => best(f.map((x) => x[3]!)),
  'pick the shortest': (f) => best(f.map((x) => -x[3]!)),
  'pick the odd one out in length': (f) => best(f.map((x) => x[4]!)),
  'pick the most words shared with the prompt': (f) => best(f.map((x) => x[5]!)),
  'pick the odd one out in shape (first word)': (f) => {
    const keep = f.map((x) => x[7] === 1);
    return keep.filter(Boolean).length === 1 ? keep : f.map(() => true);
  },
  'strike absolutes, then the longest': (f) => {
    const keep = strike(0, 1)(f);
    const lengths = f.map((x, i) => (keep[i] ? x[3]! : -Infinity));
    return best(lengths);
  },
  'strike absolutes and justifications, then hedged': both(both(strike(0, 1), strike(1, 1)), strike(2, 0)),
};

/** Conditional logit over the four options: P(option) ∝ exp(w · features). */
function fit(data: number[][][], epochs = 300, rate = 0.1, l2 = 0.01): number[] {
  const dims = data[0]?.[0]?.length ?? 0;
  const w = new Array<number>(dims).fill(0);
  for (let e = 0; e < epochs; e++) {
    const grad = new Array<number>(dims).fill(0);
    for (const f of data) {
      const scores = f.map((x) => x.reduce((s, v, d) => s + v * w[d]!, 0));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      f.forEach((x, i) => {
        const p = exps[i]! / total;
        const target = i === 0 ? 1 : 0;
        x.forEach((v, d) => (grad[d]! += (p - target) * v));
      });
    }
    for (let d = 0; d < dims; d++) w[d]! -= rate * (grad[d]! / data.length + l2 * w[d]!);
  }
  return w;
}

/** Cross-validated score of the fitted model: each entry is predicted by a model that never saw it. */
export function fittedModelScores(questions: readonly Question[], folds = 5): number[] {
  const data = questions.map(optionFeatures);
  const weights = Array.from({ length: folds }, (_, k) => fit(data.filter((_, j) => j % folds !== k)));
  return data.map((f, i) => {
    const w = weights[i % folds]!;
    return pickAmong(best(f.map((x) => x.reduce((s, v, d) => s + v * w[d]!, 0))));
  });
}

export interface BlindReport {
  /** Each strategy's expected score over the entries, 0–1. */
  strategies: Record<string, number>;
  bestStrategy: string;
  bestScore: number;
}

/** Plays every strategy over the entries and reports the best. */
export function blindTestTaker(questions: readonly Question[]): BlindReport {
  const features = questions.map(optionFeatures);
  const strategies: Record<string, number> = {};
  for (const [name, rule] of Object.entries(BLIND_RULES)) {
    strategies[name] = features.length === 0 ? 0 : mean(features.map((f) => pickAmong(rule(f))));
  }
  if (questions.length >= 20) strategies['fitted style model (cross-validated)'] = mean(fittedModelScores(questions));
  const [bestStrategy, bestScore] = Object.entries(strategies).reduce((a, b) => (b[1] > a[1] ? b : a), ['none', 0]);
  return { strategies, bestStrategy, bestScore };
}

/** An entry whose key alone differs in a style marker: a blind candidate finds it without knowing anything. */
export function styleTells(q: Question): string[] {
  const opts = optionsOf(q);
  const out: string[] = [];
  const markers: [string, RegExp][] = [
    ['an absolute word (only, all, never, …)', ABSOLUTE],
    ['a justification clause (since, because, so, …)', JUSTIFICATION],
    ['a hedge (usually, can, may, often, …)', HEDGE],
  ];
  for (const [name, re] of markers) {
    const has = opts.map((o) => re.test(o));
    const keyAlone = has.filter((h) => h === has[0]).length === 1;
    if (keyAlone) out.push(`the key is the only option ${has[0] ? 'with' : 'without'} ${name}`);
  }
  return out;
}
