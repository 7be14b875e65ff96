import { stemmer } from 'stemmer';

/**
 * Words that carry no evidence on their own. They are dropped from both the answer and the
 * keyword so that "sum of the squares" still matches the keyword "sum of squares".
 */
const STOPWORDS = new Set(
  'a an the of to in on at by for and or is are was be been being it its this that these those with as from into than then'.split(' '),
);

/** Lowercases, splits on anything that is not a letter or digit, drops stopwords, stems. */
export function stemTokens(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u);
  const out: string[] = [];
  for (const w of words) {
    if (w.length === 0 || STOPWORDS.has(w)) continue;
    out.push(stemmer(w));
  }
  return out;
}

/** Rubric keywords are few and reused on every grading: stem each once. */
const phraseCache = new Map<string, string[]>();
function stemmedPhrase(phrase: string): string[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = stemTokens(phrase);
    if (phraseCache.size < 50_000) phraseCache.set(phrase, words);
  }
  return words;
}

/** A piece of text prepared once for many phrase look-ups. */
export class StemmedText {
  readonly tokens: string[];
  private readonly positions = new Map<string, number[]>();

  constructor(text: string) {
    this.tokens = stemTokens(text);
    this.tokens.forEach((t, i) => {
      const list = this.positions.get(t);
      if (list) list.push(i);
      else this.positions.set(t, [i]);
    });
  }

  /** True when the phrase's stemmed words occur here consecutively. */
  hasPhrase(phrase: string): boolean {
    const words = stemmedPhrase(phrase);
    const [first, ...rest] = words;
    if (first === undefined) return false;
    const starts = this.positions.get(first) ?? [];
    return starts.some((start) => rest.every((w, i) => this.tokens[start + 1 + i] === w));
  }
}
