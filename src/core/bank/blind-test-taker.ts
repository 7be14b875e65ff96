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

/**
 * How much each option shares with the other three: the mean Jaccard overlap of its stemmed content
 * words with each other option's. Distractors written as one-step edits of the key leave the key
 * at the centre, and test-wise candidates pick the option the others converge on.
 */
export function convergence(q: Question): number[] {
  const stems = optionsOf(q).map((o) => new Set(stemTokens(o)));
  const jaccard = (a: Set<string>, b: Set<string>) => {
    const shared = [...a].filter((x) => b.has(x)).length;
    return shared === 0 ? 0 : shared / (a.size + b.size - shared);
  };
  return stems.map((a, i) => mean(stems.filter((_, j) => j !== i).map((b) => jaccard(a, b))));
}

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
  const vz = zScores(convergence(q));
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
    vz[i]!,
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
/** Strikes the options with the highest value of a feature (keeps all when they tie). */
const strikeHighest = (feature: number): Rule => (f) => {
  const top = best(f.map((x) => x[feature]!));
  return top.every(Boolean) ? top : top.map((t) => !t);
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
  // Keys written to avoid echoing the prompt must not swing to the other end either.
  'pick the fewest words shared with the prompt': (f) => best(f.map((x) => -x[5]!)),
  'strike the most words shared with the prompt': strikeHighest(5),
  'pick the one the others converge on (most words shared with them)': (f) => best(f.map((x) => x[9]!)),
  // A bank rewritten against convergence must not swing to the other end.
  'strike the one the others converge on': strikeHighest(9),
  'pick the farthest out (fewest words shared with the others)': (f) => best(f.map((x) => -x[9]!)),
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

/**
 * English function words: they carry how a statement is put (qualified with "but", "or", "still";
 * overclaimed with "mainly", "alone", "than"), not what it is about, so a model over them alone
 * measures word-choice style. A bank whose keys qualify and whose distractors overclaim is answered
 * by a candidate who has only learned that.
 */
export const FUNCTION_WORDS: readonly string[] = (
  'a about above after again against all alone also although among an and another any are as at be because been before being below ' +
  'between both but by can could did do does down during each either even every few first for from further had has have he her here ' +
  'how if in instead into is it its itself just less little mainly many may might more most much must neither no nor not of off on ' +
  'once one only or other our out over own per same she should since so some still such than that the their them then there these ' +
  'they this those though through to too two under unless until up upon very was we were what when where whether which while who ' +
  'whom why will with within without would yet'
).split(' ');
const FUNCTION_INDEX = new Map(FUNCTION_WORDS.map((w, i) => [w, i]));

/** The function words a text uses. */
export function functionWordsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => FUNCTION_INDEX.has(w)));
}

/** Which function words each option uses (present or not). */
export function wordChoiceFeatures(q: Question): number[][] {
  return optionsOf(q).map((o) => {
    const x = new Array<number>(FUNCTION_WORDS.length).fill(0);
    for (const w of functionWordsOf(o)) x[FUNCTION_INDEX.get(w)!] = 1;
    return x;
  });
}

/**
 * Cross-validated scores of a model fitted on `features`: each entry is predicted by a model that
 * never saw it, picking the option it rates highest and, reversed, lowest. A bank balanced too
 * exactly against a model leaves that model pointing away from the key, which gives it away too.
 */
function crossValidated(questions: readonly Question[], features: (q: Question) => number[][], folds = 5): { top: number[]; bottom: number[]; scored: number[][] } {
  const data = questions.map(features);
  const weights = Array.from({ length: folds }, (_, k) => fit(data.filter((_, j) => j % folds !== k)));
  const scored = data.map((f, i) => f.map((x) => x.reduce((s, v, d) => s + v * weights[i % folds]![d]!, 0)));
  return { top: scored.map((s) => pickAmong(best(s))), bottom: scored.map((s) => pickAmong(best(s.map((v) => -v)))), scored };
}

/**
 * Every word an option uses that recurs in the entries' options (at least five times): what a
 * member who has answered many of these questions picks up, "the naive scale-it-up option is the
 * wrong one" as much as any phrasing. Slow on a large pack and partly knowledge, so it is not one of
 * blindTestTaker's strategies: `npm run bank:check` reports it, and the shipped bank's tests hold it.
 */
export function vocabularyFeatures(questions: readonly Question[]): (q: Question) => number[][] {
  const tokens = (o: string) => new Set(o.toLowerCase().match(/[a-z][a-z0-9-]*/g) ?? []);
  const counts = new Map<string, number>();
  for (const q of questions) for (const o of optionsOf(q)) for (const w of tokens(o)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const index = new Map([...counts].filter(([, c]) => c >= 5).map(([w], i) => [w, i]));
  return (q) =>
    optionsOf(q).map((o) => {
      const x = new Array<number>(index.size).fill(0);
      for (const w of tokens(o)) {
        const i = index.get(w);
        if (i !== undefined) x[i] = 1;
      }
      return x;
    });
}

export const fittedModelScores = (questions: readonly Question[]) => crossValidated(questions, optionFeatures);
export const wordChoiceModelScores = (questions: readonly Question[]) => crossValidated(questions, wordChoiceFeatures);
export const vocabularyModelScores = (questions: readonly Question[]) => crossValidated(questions, vocabularyFeatures(questions));

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
  if (questions.length >= 20) {
    const style = fittedModelScores(questions);
    const words = wordChoiceModelScores(questions);
    strategies['fitted style model (cross-validated)'] = mean(style.top);
    strategies['fitted style model, reversed (the option it rates lowest)'] = mean(style.bottom);
    strategies['fitted word-choice model (function words, cross-validated)'] = mean(words.top);
    strategies['fitted word-choice model, reversed (the option it rates lowest)'] = mean(words.bottom);
  }
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
