import { stemTokens } from './text-match.js';

/** A sparse vector of term weights, normalised to length 1. */
export type TermVector = ReadonlyMap<string, number>;

/**
 * TF-IDF over a collection of documents (the bank's model answers): words every answer uses weigh
 * little, words particular to one question weigh much. Term frequency is damped (1 + ln tf) so an
 * answer cannot climb by repeating one word.
 */
export class TermWeights {
  private readonly idf = new Map<string, number>();
  private readonly unseenIdf: number;

  constructor(documents: readonly string[]) {
    const df = new Map<string, number>();
    for (const doc of documents) for (const t of new Set(stemTokens(doc))) df.set(t, (df.get(t) ?? 0) + 1);
    const n = documents.length;
    for (const [t, count] of df) this.idf.set(t, Math.log((n + 1) / (count + 1)) + 1);
    this.unseenIdf = Math.log(n + 1) + 1;
  }

  /** The text's vector, leaving out the given stems (the prompt's words earn nothing). */
  vector(tokens: readonly string[], exclude: ReadonlySet<string> = new Set()): TermVector {
    const tf = new Map<string, number>();
    for (const t of tokens) if (!exclude.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, count] of tf) {
      const w = (1 + Math.log(count)) * (this.idf.get(t) ?? this.unseenIdf);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }
}

/** Cosine similarity of two normalised vectors: 0 (nothing shared) to 1 (the same text). */
export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}
