import { evidencePhrases, type Misconception } from '../bank/schema.js';
import type { StatedMisconception } from './grader.js';
import { PHRASE_SLACK, phraseIsNegative, stemmedPhrase, type Span, type StemmedText } from './text-match.js';

/** All phrases of one evidence group must stand within this many content words. */
export const EVIDENCE_WINDOW = 10;

/**
 * Where one evidence group is stated: every phrase found, all within the window and one clause,
 * and no negation reaching into the span ("L2 does not give exact zeros" states nothing). Phrases
 * may come in any order ("adding dropout fixes underfitting" and "underfitting is fixed by adding
 * dropout" state the same) unless the group asks for its order (IN_ORDER, for swapped comparisons):
 * then the words of each phrase must come in their written order too.
 */
function findGroup(text: StemmedText, group: readonly string[], inOrder: boolean): Span | undefined {
  const perPhrase = group.map((p) => text.findPhrase(p, PHRASE_SLACK, inOrder));
  if (perPhrase.some((spans) => spans.length === 0)) return undefined;
  const negativeGroup = group.some(phraseIsNegative);
  for (const anchor of perPhrase[0]!) {
    let start = anchor.start;
    let end = anchor.end;
    let ok = true;
    for (const spans of perPhrase.slice(1)) {
      const near = spans.filter(
        (s) => (!inOrder || s.start > end) && Math.max(end, s.end) - Math.min(start, s.start) < EVIDENCE_WINDOW && text.sameSentence({ start: anchor.start, end: s.end }) && text.sameSentence({ start: s.start, end: anchor.end }),
      );
      if (near.length === 0) {
        ok = false;
        break;
      }
      // The nearest occurrence keeps the span tight.
      const s = near.reduce((a, b) => (Math.abs(b.start - end) < Math.abs(a.start - end) ? b : a));
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    if (!ok) continue;
    const span = { start, end };
    if (!text.sameClause(span)) continue;
    // "The GRU differs from the LSTM in that it merges …" says nothing of the LSTM.
    if (text.isComparedWith(span)) continue;
    if (negativeGroup || !text.isNegated(span)) return span;
  }
  return undefined;
}

/** The misconceptions an answer states, each with the words that state it. */
export function statedMisconceptions(text: StemmedText, misconceptions: readonly Misconception[]): StatedMisconception[] {
  const out: StatedMisconception[] = [];
  for (const m of misconceptions) {
    for (const g of m.evidence) {
      const { phrases, inOrder } = evidencePhrases(g);
      if (phrases.every((p) => stemmedPhrase(p).length === 0)) continue;
      const span = findGroup(text, phrases, inOrder);
      if (span) {
        out.push({ misconception: m, quote: text.quote(span) });
        break;
      }
    }
  }
  return out;
}
