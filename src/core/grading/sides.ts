import type { KeyPoint } from '../bank/schema.js';
import { stemmedPhrase, StemmedText, type Span } from './text-match.js';

/**
 * The things a comparison question sets against each other ("BatchNorm" and "LayerNorm"), each
 * with its names. The commonest way to use the right words for wrong facts is to swap them:
 * "LayerNorm normalizes each feature across the batch". A key point that names exactly one side is
 * credited only where the answer says it of that side.
 */
export type Sides = readonly (readonly string[])[];

/** Where a side is named: the side's index, the span of the name, and whether it is only compared with. */
interface Mention {
  side: number;
  span: Span;
  /** After "unlike", "than", "not", …: not what the claim around it is about. */
  compared: boolean;
}

/** The side a text names, by its names; undefined when it names none or more than one. */
export function sideNamedBy(text: string | StemmedText, sides: Sides): number | undefined {
  const t = typeof text === 'string' ? new StemmedText(text) : text;
  const named = sides.flatMap((names, side) => (names.some((n) => t.findName(n).length > 0) ? [side] : []));
  return named.length === 1 ? named[0] : undefined;
}

/** Each key point's side (undefined when its statement names none, or both). */
export const keyPointSides = (keyPoints: readonly KeyPoint[], sides: Sides | undefined): (number | undefined)[] =>
  keyPoints.map((kp) => (sides ? sideNamedBy(kp.point, sides) : undefined));

/**
 * Where an answer names the sides, in text order: as written (a plural allowed), not by stem. A
 * name that is negated ("not BatchNorm") or compared with ("unlike BatchNorm", "than BatchNorm")
 * is marked: the claim around it is not about it.
 */
export function sideMentions(text: StemmedText, sides: Sides): Mention[] {
  const out: Mention[] = [];
  sides.forEach((names, side) => {
    for (const name of names) {
      for (const span of text.findName(name)) out.push({ side, span, compared: text.isNegated(span) || text.isContrasted(span) });
    }
  });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** How many sentences back a claim that names no side still refers to the last side named ("It …"). */
const CARRY_SENTENCES = 2;

/** The side a claim is about, where it is named, and whether its own sentence names it. */
export interface ClaimSide {
  side: number;
  name: Span;
  inSentence: boolean;
}

/** The mention nearest before `span` (or in it), else the first after it, among `among`. */
function nearest(among: readonly Mention[], span: Span): Mention | undefined {
  const before = among.filter((m) => m.span.start <= span.end);
  return before[before.length - 1] ?? among[0];
}

/** Words that open a clause about the name just before them ("unlike VAEs, which blur"). */
const RELATIVE = new Set(['which', 'who', 'whose']);

/**
 * Which side a claim at `span` is about: in a clause opened by "which" right after a name, that
 * name's ("sharper than VAEs, which are blurry"); else the side named in its own stretch of words
 * (between commas or conjunctions: "tune on the validation set", "…, driven by decode"), nearest
 * before it or else after it; else the same in its sentence; in a sentence that names none ("It
 * needs running statistics"), the side of the sentence or two before, if that sentence names only
 * one. Names only compared with ("unlike BatchNorm") are passed over. Undefined when no side is
 * found so: the answer is then given the benefit, unless its keyword named the side.
 */
export function sideOfClaim(text: StemmedText, mentions: readonly Mention[], span: Span): ClaimSide | undefined {
  const sentence = text.sentenceAt(span.start) ?? 0;
  const segment = text.segmentAt(span.start);
  const opener = text.segmentStart(span.start);
  if (RELATIVE.has(text.wordAt(opener) ?? '')) {
    const named = mentions.find((m) => m.span.end === opener - 1);
    if (named) return { side: named.side, name: named.span, inSentence: true };
  }
  const subjects = mentions.filter((m) => !m.compared);
  const inSentence = subjects.filter((m) => text.sentenceAt(m.span.start) === sentence);
  const found = nearest(inSentence.filter((m) => text.segmentAt(m.span.start) === segment), span) ?? nearest(inSentence, span);
  if (found) return { side: found.side, name: found.span, inSentence: true };
  // "It …": the sentence before that names a side, if it names only one (else whose "it" is unclear).
  const earlier = subjects.filter((m) => m.span.start < span.start && (text.sentenceAt(m.span.start) ?? 0) >= sentence - CARRY_SENTENCES);
  const carried = earlier[earlier.length - 1];
  const thatSentence = earlier.filter((m) => text.sentenceAt(m.span.start) === text.sentenceAt(carried?.span.start ?? -1));
  if (!carried || thatSentence.some((m) => m.side !== carried.side)) return undefined;
  return { side: carried.side, name: carried.span, inSentence: false };
}

/** Fewer words than this left once the name is taken out, and the keyword keeps the name. */
const MIN_LEFT = 2;

/**
 * A keyword's words without the side's name in it ("discriminative p(y|x)" -> "p(y|x)"): the
 * name is checked by where the claim stands, not found anywhere near it. Unchanged when fewer than
 * two words would be left: "supervised labels" stripped to "labels" would be earned by any
 * mention of labels.
 */
export function withoutName(stems: readonly string[], names: readonly string[]): readonly string[] {
  for (const name of names) {
    const n = stemmedPhrase(name);
    for (let i = 0; n.length > 0 && i + n.length <= stems.length; i++) {
      if (n.every((w, j) => stems[i + j] === w)) return stems.length - n.length >= MIN_LEFT ? [...stems.slice(0, i), ...stems.slice(i + n.length)] : stems;
    }
  }
  return stems;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with its sides' names swapped (each side's names replaced by the next side's first
 * name): the wrong answer in the right words that `sides` exists to catch. Bank tooling uses it to
 * check that a key point's own statement, swapped, no longer earns it.
 */
export function swapSides(text: string, sides: Sides): string {
  const names = sides.flatMap((ns, side) => ns.map((name) => ({ name, to: sides[(side + 1) % sides.length]![0]! }))).sort((a, b) => b.name.length - a.name.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map((n) => escapeRegExp(n.name)).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (found) => names.find((n) => n.name.toLowerCase() === found.toLowerCase())?.to ?? found);
}
