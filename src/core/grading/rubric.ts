import type { KeyPoint, Question } from '../bank/schema.js';
import { PASS_SCORE, type Grade, type Grader, type SwappedClaim } from './grader.js';
import { statedMisconceptions } from './misconceptions.js';
import { keyPointSides, sideMentions, sideOfClaim, withoutName } from './sides.js';
import { cosine, TermWeights, type TermVector } from './term-weights.js';
import { phraseIsNegative, stemmedPhrase, stemTokens, StemmedText, type Span } from './text-match.js';

export { PASS_SCORE } from './grader.js';

/**
 * How the score is made. Key points carry most of it; similarity to the model answer (TF-IDF over
 * the bank, prompt words removed) adds credit for a complete answer in other words. Chosen with
 * `npm run grader:tune` on the expert-scored sets (test/grading/eval-set*.jsonl) but for the
 * fifth set's held-out entries, which `npm run grader:eval` reports apart.
 */
export interface Scoring {
  keyPointWeight: number;
  similarityFloor: number;
  similarityFull: number;
  misconceptionPenalty: number;
  /**
   * The share of a key point's credit earned where the answer states it at one place only; stated
   * at two separate places (two keyword matches that do not overlap), it earns all of it. A wrong
   * answer in the right words drops a point's term once; a right one explains it.
   */
  singleMentionCredit: number;
  /**
   * A short answer has no room to explain: with at most `conciseWords` content words, a point stated
   * once earns all its credit; from `conciseWords` to twice as many, the share falls to
   * singleMentionCredit.
   */
  conciseWords: number;
  /**
   * A short answer is judged on its core: with at most `conciseWords` content words and at least
   * CORE_STATED key points stated in full, its key-point share is taken over `corePoints` points
   * instead of all of them, back to all by twice `conciseWords`. An interviewer does not fail a
   * right two-line answer for the points it had no room for; a list of terms states no point in
   * full, so it gains nothing. 0 turns it off.
   */
  corePoints: number;
}

/** Key points a short answer must state in full to be judged on its core (Scoring.corePoints). */
const CORE_STATED = 2;

export const SCORING: Scoring = {
  keyPointWeight: 0.7,
  /** Similarity at or below this is what any on-topic text reaches: it earns nothing. */
  similarityFloor: 0.1,
  /** Similarity at or above this counts as fully similar. */
  similarityFull: 0.4,
  /** Points taken off for each misconception stated, on top of the key point it forfeits. */
  misconceptionPenalty: 15,
  singleMentionCredit: 0.5,
  conciseWords: 30,
  corePoints: 4,
};

/** How many separate places the spans stand at (overlapping matches of several keywords are one). */
function separatePlaces(spans: readonly Span[]): number {
  let places = 0;
  let end = -1;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > end) places++;
    end = Math.max(end, s.end);
  }
  return places;
}

/** A key point's keyword, ready to look for. */
interface Keyword {
  stems: readonly string[];
  /** The keyword itself says "not …", so a negation before it is part of the claim. */
  negative: boolean;
  /** A formula ("p(y|x)", "y = x + f(x)") means what it says only in its written order. */
  inOrder: boolean;
  /** The side's name was taken out of it: it counts only where the answer names that side. */
  named: boolean;
}

const FORMULA = /[()|=^]/;

/** Where the answer states a keyword of this key point, in words that count (not just the prompt's, not negated). */
function keywordSpans(text: StemmedText, keywords: readonly Keyword[], promptStems: ReadonlySet<string>): { span: Span; named: boolean }[] {
  return keywords.flatMap(({ stems, negative, inOrder, named }) => {
    if (stems.length === 0 || stems.every((s) => promptStems.has(s))) return [];
    return text
      .findStems(stems, undefined, inOrder)
      .filter((s) => negative || !text.isNegated(s))
      .map((span) => ({ span, named }));
  });
}

interface Prepared {
  promptStems: Set<string>;
  model: TermVector;
  /** Per key point, the side of the comparison it is about (`sides` in the entry), if one. */
  kpSides: (number | undefined)[];
  /** Per key point, its keywords; a keyword naming the point's side is looked for without the name. */
  keywords: Keyword[][];
}

/**
 * The offline, deterministic grader: key points evidenced by their keywords (any order, small gaps,
 * not negated, not just the prompt's words), misconceptions detected and named, and a similarity to
 * the model answer. The model answer scores 100 against its own entry.
 */
export class RubricGrader implements Grader {
  /** Built at the first open answer, not at start: stemming every model answer is a tenth of a start. */
  private built: TermWeights | undefined;
  /** Per entry object, so an edited entry (bank tooling, packs) is never graded with stale data. */
  private readonly prepared = new WeakMap<Question, Prepared>();

  constructor(
    private readonly questions: readonly Question[],
    private readonly scoring: Scoring = SCORING,
  ) {}

  private get weights(): TermWeights {
    return (this.built ??= new TermWeights(this.questions.map((q) => q.answer)));
  }

  grade(question: Question, answer: string): Promise<Grade> {
    return Promise.resolve(this.gradeNow(question, answer));
  }

  /** The same as grade(), synchronously: bank tooling grades thousands of texts in a loop. */
  gradeNow(question: Question, answer: string | StemmedText): Grade {
    const { promptStems, model, kpSides, keywords } = this.prepare(question);
    const text = typeof answer === 'string' ? new StemmedText(answer) : answer;
    const misconceptions = statedMisconceptions(text, question.misconceptions);
    const forfeited = new Set(misconceptions.map((m) => m.misconception.keyPoint - 1));
    const mentions = question.sides ? sideMentions(text, question.sides) : [];
    const covered: KeyPoint[] = [];
    const missed: KeyPoint[] = [];
    const swapped: SwappedClaim[] = [];
    const partial: KeyPoint[] = [];
    let credit = 0;
    const once = this.onceCredit(text.tokens.length);
    question.keyPoints.forEach((kp, i) => {
      const found = forfeited.has(i) ? [] : keywordSpans(text, keywords[i]!, promptStems);
      const side = kpSides[i];
      // A key point about one side of a comparison counts only where it is said of that side, or
      // of no side in particular unless its keyword named the side.
      const claims = found.map(({ span, named }) => ({ span, named, of: side === undefined ? undefined : sideOfClaim(text, mentions, span) }));
      const spans = claims.filter((c) => (c.of === undefined ? !c.named : c.of.side === side)).map((c) => c.span);
      // Matches of one-word keywords only ("EWC", "replay") are names: however many, one place.
      const places = spans.some((sp) => sp.end > sp.start) ? separatePlaces(spans) : Math.min(1, spans.length);
      if (places > 1) {
        covered.push(kp);
        credit += 1;
        return;
      }
      if (places === 1) {
        // A term only listed among others is named, however short the answer.
        const share = spans.every((sp) => text.isListed(sp)) ? this.scoring.singleMentionCredit : once;
        // Stated once in a short answer, it is made: the member is not told it was only named.
        (share >= 1 ? covered : partial).push(kp);
        credit += share;
        return;
      }
      missed.push(kp);
      const wrong = claims.find((c) => c.of?.inSentence);
      if (wrong?.of && side !== undefined) {
        const { span, of } = wrong;
        swapped.push({ keyPoint: kp, quote: text.quote({ start: Math.min(span.start, of.name.start), end: Math.max(span.end, of.name.end) }), saidOf: text.quote(of.name), holdsFor: question.sides![side]![0]! });
      }
    });
    const similarity = cosine(this.weights.vector(text.tokens, promptStems), model);
    const share = Math.min(1, credit / this.judgedOn(question.keyPoints.length, text.tokens.length, covered.length));
    const score = combine(share, similarity, misconceptions.length, this.scoring);
    return { score, pass: score >= PASS_SCORE, covered, missed, misconceptions, gradedBy: 'rubric', partial, ...(swapped.length > 0 ? { swapped } : {}) };
  }

  /** How many key points an answer's share is taken over: all, or fewer for a short one (corePoints). */
  private judgedOn(points: number, words: number, stated: number): number {
    const core = this.scoring.corePoints;
    if (core <= 0 || points <= core || stated < CORE_STATED) return points;
    return points - this.shortness(words) * (points - core);
  }

  /** What a key point stated at one place earns, in an answer of `words` content words. */
  private onceCredit(words: number): number {
    const s = this.scoring.singleMentionCredit;
    return s + (1 - s) * this.shortness(words);
  }

  /** How short an answer is: 1 up to conciseWords content words, 0 from twice as many, linear between. */
  private shortness(words: number): number {
    const c = this.scoring.conciseWords;
    if (c <= 0 || words >= 2 * c) return 0;
    return words <= c ? 1 : (2 * c - words) / c;
  }

  private prepare(q: Question): Prepared {
    let p = this.prepared.get(q);
    if (!p) {
      const promptStems = new Set(stemTokens(`${q.prompt} ${q.choicePrompt ?? ''}`));
      const kpSides = keyPointSides(q.keyPoints, q.sides);
      const keywords = q.keyPoints.map((kp, i) => {
        const names = kpSides[i] === undefined ? undefined : q.sides?.[kpSides[i]];
        return kp.keywords.map((k) => {
          const stems = names ? withoutName(stemmedPhrase(k), names) : stemmedPhrase(k);
          return { stems, negative: phraseIsNegative(k), inOrder: FORMULA.test(k), named: stems.length < stemmedPhrase(k).length };
        });
      });
      p = { promptStems, model: this.weights.vector(stemTokens(q.answer), promptStems), kpSides, keywords };
      this.prepared.set(q, p);
    }
    return p;
  }
}

/** Key point share (0–1), similarity (0–1) and misconceptions stated → a score from 0 to 100. */
export function combine(keyPointShare: number, similarity: number, misconceptions: number, scoring: Scoring = SCORING): number {
  const { keyPointWeight, similarityFloor, similarityFull, misconceptionPenalty } = scoring;
  const sim = Math.min(1, Math.max(0, (similarity - similarityFloor) / (similarityFull - similarityFloor)));
  const raw = 100 * (keyPointWeight * keyPointShare + (1 - keyPointWeight) * sim) - misconceptionPenalty * misconceptions;
  return Math.max(0, Math.min(100, Math.round(raw)));
}
