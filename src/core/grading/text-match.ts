import { stemmer } from 'stemmer';

/**
 * Words that carry no evidence on their own. They are dropped from both the answer and the
 * keyword so that "sum of the squares" still matches the keyword "sum of squares".
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the of to in on at by for and or is are was be been being it its this that these those with as from into than then do does did'.split(' '),
);

/** Words that turn the claim next to them around: "not", "unlike", "rather than", "instead of", … */
const NEGATIONS: ReadonlySet<string> = new Set(
  'not no never none nor neither without unlike instead rather cannot nothing'.split(' '),
);

/** How far apart (in content words) the words of one multi-word phrase may stand, beyond its own length. */
export const PHRASE_SLACK = 2;
/** Words that start a new claim, so a negation before them does not reach past them. */
const CONJUNCTIONS: ReadonlySet<string> = new Set('and but while whereas although though yet'.split(' '));
/**
 * A word that sets two claims against each other: a misconception's phrases must stand on one side
 * of it ("L1 gives a sparse model, whereas L2 shrinks weights" does not say "L2 … sparse"). Not
 * "while": a swap is often written across it ("A does X, while B does Y") and its evidence with it.
 */
const CONTRASTING: ReadonlySet<string> = new Set(['whereas']);

/** How many words before a match a negation still reverses it. */
const NEGATION_REACH = 3;

/**
 * Words after which a name is what the claim is compared with, not what it is about: in
 * "LayerNorm, unlike BatchNorm, works per example", "… than BatchNorm", "LayerNorm differs from
 * BatchNorm in …" or "QLoRA extends LoRA …", the claim is LayerNorm's (QLoRA's); and in "a kind of
 * curriculum learning" or "like top-k", the name is a comparison, not the subject.
 */
const CONTRASTS: ReadonlySet<string> = new Set('unlike than versus vs compared contrast opposed relative instead rather differ differs differed different like similar kind type form variant replace replaces replaced extend extends extended'.split(' '));
/**
 * Of those, the ones that only ever introduce what something is compared with: a misconception
 * stated right after them is not claimed ("the GRU differs from the LSTM in that it merges …").
 * "different", "replaces" or "extends" begin claims of their own ("uses a different filter").
 */
const COMPARED_WITH: ReadonlySet<string> = new Set('unlike than versus vs compared differ differs differed'.split(' '));

/**
 * Which content words a kind of marker word bears on: the next NEGATION_REACH of them, until a
 * conjunction starts a new claim or punctuation ends the clause. Negations ("not pruning") and
 * comparison words ("than BatchNorm") reach alike.
 */
class Reach {
  private since = Infinity;
  /** Per content word, whether a marker reaches it. */
  readonly at: boolean[] = [];

  constructor(private readonly markers: ReadonlySet<string>) {}

  /** Any word, stopwords included, as it comes. */
  see(word: string): void {
    if (this.markers.has(word)) this.since = 0;
    else if (CONJUNCTIONS.has(word)) this.since = Infinity; // "cannot X and suffers from Y": Y is stated
  }

  /** A content word. */
  push(): void {
    this.at.push(this.since <= NEGATION_REACH);
    this.since++;
  }

  /** A clause break. */
  stop(): void {
    this.since = Infinity;
  }
}

/** A word (with its "n't"), or a clause break: a negation reaches to the end of its clause at most. */
// A single line break is only wrapping (YAML blocks, pasted text); a blank line or a new list item
// ends the sentence.
const WORD_OR_BREAK = /((?:[Nn][Oo][Nn][-‐](?=\p{L}))?[\p{L}\p{N}]+(?:['’]t\b)?)|([.;!?](?=\s|$)|\n\s*\n|\n\s*(?:[-*•]|\d+[.)])\s)|[,:()[\]]|\s[-–—]\s/gu;

const normalise = (text: string) =>
  text
    .toLowerCase()
    // "non-stationary" is one word that must not match "stationary".
    .replace(/\bnon[-‐]\s*(?=\p{L})/gu, 'non')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "doesn't" and "don't" both read "not" (do, does and did are stopwords); "can't", "cannot" and
    // "won't" too, so a keyword "not rebuild" is evidenced by "cannot rebuild".
    .replace(/\bcan(?:['’]t|not)\b/g, 'can not')
    .replace(/\bwon['’]t\b/g, 'will not')
    .replace(/n['’]t\b/g, ' not');

const splitWords = (text: string) => normalise(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/**
 * Porter's stem, with an adverb's "-ly" folded into its adjective ("randomly" -> "random",
 * "exactly" -> "exact"), so "set to zero at random" evidences "randomly zeroes". Short stems keep
 * theirs ("only", "early").
 */
export function stem(word: string): string {
  const s = stemmer(word);
  const folded = s.length >= 6 && s.endsWith('li') ? s.slice(0, -2) : s;
  return SAME_MEANING.get(folded) ?? folded;
}

/**
 * Everyday words a candidate uses for the textbook one ("gradients shrink" for "vanish"), each
 * read as the first of its group. Only groups with no second technical sense here: "decay"
 * (weight decay), "lower" (lower layers) and "boost" (boosting) stay out.
 */
const SAME_MEANING: ReadonlyMap<string, string> = new Map(
  [
    ['neuron', 'unit'],
    ['vanish', 'shrink', 'diminish'],
    ['explod', 'blow'],
    ['larg', 'big', 'huge'],
    ['small', 'tini'],
    ['reduc', 'decreas'],
    ['increas', 'rais', 'grow'],
    ['fast', 'quick', 'rapid'],
    ['error', 'mistak'],
    ['sampl', 'exampl', 'instanc'],
    ['imag', 'pictur', 'photo'],
    ['class', 'categori'],
    ['method', 'techniqu', 'approach'],
    ['start', 'begin'],
    ['allow', 'enabl'],
  ].flatMap((group) => group.map((w) => [w, group[0]!] as const)),
);

/** Lowercases, splits on anything that is not a letter or digit, drops stopwords, stems. */
export function stemTokens(text: string): string[] {
  return splitWords(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/** Rubric phrases are few and reused on every grading: stem each once. */
const phraseCache = new Map<string, string[]>();
export function stemmedPhrase(phrase: string): string[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = stemTokens(phrase);
    if (phraseCache.size < 50_000) phraseCache.set(phrase, words);
  }
  return words;
}

/** Where a phrase was found: content-word positions, first to last inclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A piece of text prepared once for many phrase look-ups. */
export class StemmedText {
  /** Stems of the content words, in order. */
  readonly tokens: string[];
  /** The content words as written (lowercased), for names that must not match by stem alone. */
  private readonly words: string[];
  /** For each content word, whether it is the second part of a hyphenated word ("self-supervised"). */
  private readonly hyphenated: boolean[];
  /** Per content word: a negation stands just before it or among the stopwords around it. */
  private readonly negatedAt: boolean[];
  /** Per content word: a comparison word ("than", "unlike", …) stands just before it. */
  private readonly contrastedAt: boolean[];
  /** The same for the narrower COMPARED_WITH words. */
  private readonly comparedAt: boolean[];
  /** The sentence each content word belongs to: evidence never spans two sentences. */
  private readonly sentenceOf: number[];
  /** The clause each content word belongs to, counted at "whereas" (CONTRASTING). */
  private readonly clauseOf: number[];
  /** The stretch between punctuation or conjunctions each content word stands in ("…, driven by decode"). */
  private readonly segmentOf: number[];
  /** Per content word: it is an item of a run of short items ("EWC, replay, distillation, …"). */
  private readonly listedAt: boolean[];
  /** Where each content word stands in the original text, for quoting. */
  private readonly offsets: [number, number][];
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly text: string) {
    this.tokens = [];
    this.words = [];
    this.hyphenated = [];
    this.offsets = [];
    this.sentenceOf = [];
    this.clauseOf = [];
    this.segmentOf = [];
    let sentence = 0;
    let clause = 0;
    let segment = 0;
    const negation = new Reach(NEGATIONS);
    const contrast = new Reach(CONTRASTS);
    const compared = new Reach(COMPARED_WITH);
    const reaches = [negation, contrast, compared];
    for (const m of text.matchAll(WORD_OR_BREAK)) {
      if (m[1] === undefined) {
        for (const r of reaches) r.stop(); // a negation reaches to the end of its clause at most
        segment++;
        if (m[2] !== undefined) {
          sentence++;
          clause++;
        }
        continue;
      }
      // "self-supervised": the regex takes the parts apart; the second follows a hyphen.
      let afterHyphen = /[\p{L}\p{N}][-‐]$/u.test(text.slice(Math.max(0, m.index - 2), m.index));
      for (const word of splitWords(m[1])) {
        for (const r of reaches) r.see(word);
        if (CONTRASTING.has(word)) clause++;
        if (CONJUNCTIONS.has(word)) segment++;
        if (STOPWORDS.has(word)) continue;
        for (const r of reaches) r.push();
        this.offsets.push([m.index, m.index + m[1].length]);
        this.tokens.push(stem(word));
        this.words.push(word);
        this.hyphenated.push(afterHyphen);
        afterHyphen = false;
        this.sentenceOf.push(sentence);
        this.clauseOf.push(clause);
        this.segmentOf.push(segment);
      }
    }
    this.listedAt = listedWords(this.sentenceOf, this.segmentOf);
    this.negatedAt = negation.at;
    this.contrastedAt = contrast.at;
    this.comparedAt = compared.at;
    this.tokens.forEach((t, i) => {
      const list = this.positions.get(t);
      if (list) list.push(i);
      else this.positions.set(t, [i]);
    });
  }

  /**
   * Spans where all the phrase's words occur within its length plus a small slack, in any order, or
   * with `inOrder` in the order written (an in-order evidence group: "training loss" then does not
   * match "the loss on training data").
   */
  findPhrase(phrase: string, slack = PHRASE_SLACK, inOrder = false): Span[] {
    return this.findStems(stemmedPhrase(phrase), slack, inOrder);
  }

  findStems(words: readonly string[], slack = PHRASE_SLACK, inOrder = false): Span[] {
    const [first] = words;
    if (first === undefined) return [];
    const window = words.length + slack;
    const out: Span[] = [];
    for (const anchor of this.positions.get(first) ?? []) {
      let start = anchor;
      let end = anchor;
      let found = true;
      for (const w of words.slice(1)) {
        const near = (this.positions.get(w) ?? []).filter((p) => (inOrder ? p > end : p !== anchor) && Math.abs(p - anchor) < window && this.sentenceOf[p] === this.sentenceOf[anchor]);
        if (near.length === 0) {
          found = false;
          break;
        }
        // The closest occurrence keeps the span tight; of two as close, the one in the phrase's own
        // order ("gradient of the loss" takes the loss after it, not one that ends another phrase).
        const closer = (a: number, b: number) => Math.abs(b - anchor) < Math.abs(a - anchor) || (Math.abs(b - anchor) === Math.abs(a - anchor) && b > anchor);
        const p = near.reduce((a, b) => (closer(a, b) ? b : a));
        start = Math.min(start, p);
        end = Math.max(end, p);
      }
      if (found && end - start < window && this.sameSentence({ start, end })) out.push({ start, end });
    }
    return out;
  }

  /**
   * Spans where a name's words stand next to each other as written, a plural allowed ("GANs",
   * "policies"), not by stem: "generative" must not match "generally" or "generate"; nor does a
   * name start inside a hyphenated word ("supervised" is not named by "self-supervised").
   */
  findName(name: string): Span[] {
    const want = splitWords(name).filter((w) => !STOPWORDS.has(w));
    if (want.length === 0) return [];
    const out: Span[] = [];
    for (let i = 0; i + want.length <= this.words.length; i++) {
      if (this.hyphenated[i]) continue;
      if (want.every((w, j) => sameWord(this.words[i + j]!, w)) && this.sentenceOf[i] === this.sentenceOf[i + want.length - 1]) out.push({ start: i, end: i + want.length - 1 });
    }
    return out;
  }

  sameSentence(span: Span): boolean {
    return this.sentenceOf[span.start] === this.sentenceOf[span.end];
  }

  /** True when the span lies within one clause (no "whereas" inside it) of one sentence. */
  sameClause(span: Span): boolean {
    return this.clauseOf[span.start] === this.clauseOf[span.end];
  }

  /** True when the phrase occurs anywhere (as findPhrase). */
  hasPhrase(phrase: string): boolean {
    return this.findPhrase(phrase).length > 0;
  }

  /** True when a negation reaches into the span: stands just before it or inside it. */
  isNegated(span: Span): boolean {
    for (let i = span.start; i <= span.end; i++) if (this.negatedAt[i]) return true;
    return false;
  }

  /** True when the whole span is an item of a list of terms ("EWC, replay, distillation"): named, not stated. */
  isListed(span: Span): boolean {
    for (let i = span.start; i <= span.end; i++) if (!this.listedAt[i]) return false;
    return true;
  }

  /** True when a comparison word ("than", "unlike", …) stands just before the span's first word. */
  isContrasted(span: Span): boolean {
    return this.contrastedAt[span.start] === true;
  }

  /** True when one of the narrower COMPARED_WITH words ("than", "differs from", …) stands just before the span. */
  isComparedWith(span: Span): boolean {
    return this.comparedAt[span.start] === true;
  }

  /** The sentence a content word belongs to. */
  sentenceAt(position: number): number | undefined {
    return this.sentenceOf[position];
  }

  /** The stretch between punctuation marks or conjunctions a content word stands in. */
  segmentAt(position: number): number | undefined {
    return this.segmentOf[position];
  }

  /** The first content word of the stretch `position` stands in. */
  segmentStart(position: number): number {
    let i = position;
    while (i > 0 && this.segmentOf[i - 1] === this.segmentOf[position]) i--;
    return i;
  }

  /** A content word as written, lowercased. */
  wordAt(position: number): string | undefined {
    return this.words[position];
  }

  /** The answer's own words for a span, for feedback ("you wrote …"). */
  quote(span: Span): string {
    const from = this.offsets[span.start]?.[0] ?? 0;
    const to = this.offsets[span.end]?.[1] ?? from;
    return this.text.slice(from, to);
  }
}

/** A list item has at most this many content words. */
const LIST_ITEM_WORDS = 3;

/**
 * Per content word, whether it is an item of a list of terms ("leverages dilated convolutions,
 * gated activations, residual connections and autoregressive modeling to …"): two or more short
 * stretches in a row (LIST_ITEM_WORDS content words at most, between commas or conjunctions), and
 * the item each longer stretch around them ends or starts with.
 */
function listedWords(sentenceOf: readonly number[], segmentOf: readonly number[]): boolean[] {
  const segments: { start: number; end: number }[] = [];
  segmentOf.forEach((s, i) => {
    if (i > 0 && segmentOf[i - 1] === s) segments[segments.length - 1]!.end = i;
    else segments.push({ start: i, end: i });
  });
  const listed = segmentOf.map(() => false);
  const mark = (from: number, to: number) => listed.fill(true, from, to + 1);
  const short = (k: number) => segments[k]!.end - segments[k]!.start + 1 <= LIST_ITEM_WORDS;
  const sameSentence = (a: number, b: number) => sentenceOf[segments[a]!.start] === sentenceOf[segments[b]!.start];
  for (let k = 0; k < segments.length; ) {
    if (!short(k)) {
      k++;
      continue;
    }
    let j = k;
    while (j + 1 < segments.length && short(j + 1) && sameSentence(k, j + 1)) j++;
    if (j === k) {
      k++;
      continue;
    }
    mark(segments[k]!.start, segments[j]!.end);
    // The first item ends the stretch before the run; the last starts the one after it.
    const before = segments[k - 1];
    const after = segments[j + 1];
    if (before && sameSentence(k - 1, k)) mark(Math.max(before.start, before.end - LIST_ITEM_WORDS + 1), before.end);
    if (after && sameSentence(j, j + 1)) mark(after.start, Math.min(after.end, after.start + LIST_ITEM_WORDS - 1));
    k = j + 1;
  }
  return listed;
}

/** The same word as written, or its plural ("gan"/"gans", "policy"/"policies", "loss"/"losses"). */
const sameWord = (found: string, want: string) =>
  found === want || found === `${want}s` || found === `${want}es` || (want.endsWith('y') && found === `${want.slice(0, -1)}ies`);

/** True when the phrase itself says "not …", so a negation before it is part of the claim. */
export const phraseIsNegative = (phrase: string) => splitWords(phrase).some((w) => NEGATIONS.has(w));
