import type { KeyPoint, Question } from '../bank/schema.js';
import { PASS_SCORE, type Grade, type Grader } from './grader.js';
import { statedMisconceptions } from './misconceptions.js';
import { cosine, TermWeights, type TermVector } from './term-weights.js';
import { phraseIsNegative, stemmedPhrase, stemTokens, StemmedText } from './text-match.js';

export { PASS_SCORE } from './grader.js';

/**
 * How the score is made. Key points carry most of it; similarity to the model answer (TF-IDF over
 * the bank, prompt words removed) adds credit for a complete answer in other words. Chosen with
 * `npm run grader:tune` on the tuning entries of test/grading/eval-set.jsonl only, preferring the
 * widest margin for excellent answers among blends of equal agreement; `npm run grader:eval`
 * reports the held-out entries.
 */
export interface Scoring {
  keyPointWeight: number;
  similarityFloor: number;
  similarityFull: number;
  misconceptionPenalty: number;
}

export const SCORING: Scoring = {
  keyPointWeight: 0.6,
  /** Similarity at or below this is what any on-topic text reaches: it earns nothing. */
  similarityFloor: 0.15,
  /** Similarity at or above this counts as fully similar. */
  similarityFull: 0.5,
  /** Points taken off for each misconception stated, on top of the key point it forfeits. */
  misconceptionPenalty: 15,
};

/** Does the answer evidence this key point? A keyword made only of prompt words is no evidence. */
function evidences(text: StemmedText, kp: KeyPoint, promptStems: ReadonlySet<string>): boolean {
  return kp.keywords.some((k) => {
    const stems = stemmedPhrase(k);
    if (stems.length === 0 || stems.every((s) => promptStems.has(s))) return false;
    const spans = text.findStems(stems);
    return phraseIsNegative(k) ? spans.length > 0 : spans.some((s) => !text.isNegated(s));
  });
}

interface Prepared {
  promptStems: Set<string>;
  model: TermVector;
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
    const { promptStems, model } = this.prepare(question);
    const text = typeof answer === 'string' ? new StemmedText(answer) : answer;
    const misconceptions = statedMisconceptions(text, question.misconceptions);
    const forfeited = new Set(misconceptions.map((m) => m.misconception.keyPoint - 1));
    const covered: KeyPoint[] = [];
    const missed: KeyPoint[] = [];
    question.keyPoints.forEach((kp, i) => {
      (!forfeited.has(i) && evidences(text, kp, promptStems) ? covered : missed).push(kp);
    });
    const similarity = cosine(this.weights.vector(text.tokens, promptStems), model);
    const score = combine(covered.length / question.keyPoints.length, similarity, misconceptions.length, this.scoring);
    return { score, pass: score >= PASS_SCORE, covered, missed, misconceptions, gradedBy: 'rubric' };
  }

  private prepare(q: Question): Prepared {
    let p = this.prepared.get(q);
    if (!p) {
      const promptStems = new Set(stemTokens(`${q.prompt} ${q.choicePrompt ?? ''}`));
      p = { promptStems, model: this.weights.vector(stemTokens(q.answer), promptStems) };
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
