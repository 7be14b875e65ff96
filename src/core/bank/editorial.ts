import type { Question } from './schema.js';
import { earns } from '../grading/grader.js';
import { RubricGrader } from '../grading/rubric.js';
import { statedMisconceptions } from '../grading/misconceptions.js';
import { STOPWORDS, StemmedText, stemmedPhrase, stemTokens } from '../grading/text-match.js';
import { styleTells } from './blind-test-taker.js';
import { keyPointSides, swapSides } from '../grading/sides.js';

/**
 * Editorial checks on one entry, beyond the schema: the bank's tooling (scripts/bank/quality.ts)
 * and pack imports share them. Each returns human-readable problems; none means it passed.
 */

export const ANSWER_WORDS = { min: 80, max: 250 } as const;
/** The correct choice may be the longest option in fewer than this share of entries. */
export const MAX_LONGEST_CORRECT_SHARE = 0.4;
/** A confidently wrong, generic answer; a rubric that gives it credit rewards buzzwords. */
export const GENERIC_WRONG_ANSWER =
  'I am not sure. I think you just make the model bigger, add more layers and more data, and train it for longer until the accuracy on the test set goes up. Usually that fixes most problems.';
/** A blank, generic or off-topic answer stays under this score. */
export const MAX_WRONG_SCORE = 19;
export const MIN_MISCONCEPTIONS = 2;
/** The model answer, graded against its own rubric, earns every key point and at least this. */
export const MIN_MODEL_ANSWER_SCORE = 80;

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * Stems that occur in more model answers than this are common words: a multi-word keyword that
 * collapses to one of them once stopwords go ("confused with" -> "confus") matches far too much.
 */
const COMMON_STEM_ANSWERS = 3;

/** The context the entry checks need: a grader over the whole bank and its stem frequencies. */
export interface BankContext {
  grader: RubricGrader;
  answersWithStem: ReadonlyMap<string, number>;
}

export function bankContext(questions: readonly Question[]): BankContext {
  const answersWithStem = new Map<string, number>();
  for (const q of questions) for (const t of new Set(stemTokens(q.answer))) answersWithStem.set(t, (answersWithStem.get(t) ?? 0) + 1);
  return { grader: new RubricGrader(questions), answersWithStem };
}

/**
 * A key point about one side of a comparison is earned by its own statement, and no longer once
 * the sides' names are swapped in it ("LayerNorm needs running statistics" earns nothing).
 */
function sideProblems(q: Question, grader: RubricGrader, where: string): string[] {
  const sides = q.sides ?? [];
  const p: string[] = [];
  keyPointSides(q.keyPoints, sides).forEach((side, i) => {
    if (side === undefined) return;
    const kp = q.keyPoints[i]!;
    if (!earns(grader.gradeNow(q, kp.point), kp)) p.push(`${where}: keyPoints.${i}: its own statement does not earn it; a keyword must occur in "${kp.point}"`);
    const swapped = swapSides(kp.point, sides);
    if (earns(grader.gradeNow(q, swapped), kp)) p.push(`${where}: keyPoints.${i}: still earned with the sides swapped ("${swapped}"); the sides' names must be told apart in it`);
  });
  return p;
}

/** Problems with one entry taken alone (the context supplies bank-wide term weights). */
export function entryProblems(q: Question, ctx: BankContext = bankContext([q])): string[] {
  const p: string[] = [];
  const where = `question "${q.id}"`;
  const words = wordCount(q.answer);
  if (words < ANSWER_WORDS.min || words > ANSWER_WORDS.max) {
    p.push(`${where}: answer: ${words} words; a model answer has ${ANSWER_WORDS.min}–${ANSWER_WORDS.max}`);
  }
  const answerText = new StemmedText(q.answer);
  const promptStems = new Set(stemTokens(`${q.prompt} ${q.choicePrompt ?? ''}`));
  q.keyPoints.forEach((kp, i) => {
    const first = kp.keywords[0] ?? '';
    if (!answerText.hasPhrase(first)) {
      p.push(`${where}: keyPoints.${i}: canonical keyword "${first}" does not occur in the model answer`);
    }
    if (kp.keywords.every((k) => stemmedPhrase(k).every((s) => promptStems.has(s)))) {
      p.push(`${where}: keyPoints.${i}: every keyword is made of the prompt's words, which earn nothing; add keywords that carry the point`);
    }
    for (const k of kp.keywords) {
      const stems = stemmedPhrase(k);
      if (/\s/.test(k.trim()) && stems.length === 1 && (ctx.answersWithStem.get(stems[0]!) ?? 0) > COMMON_STEM_ANSWERS) {
        p.push(`${where}: keyPoints.${i}: keyword "${k}" collapses to the common word "${stems[0]}" once stopwords (${[...STOPWORDS].slice(0, 4).join(', ')}, …) go; make it specific`);
      }
    }
  });
  if (q.sides) p.push(...sideProblems(q, ctx.grader, where));
  // Every key point, and a clear pass: not always 100, since a point the model answer states at one
  // place only earns part of its credit (SCORING.singleMentionCredit).
  const self = ctx.grader.gradeNow(q, q.answer);
  if (self.missed.length > 0) p.push(`${where}: the model answer misses key point(s) ${self.missed.map((kp) => `"${kp.point}"`).join(', ')} of its own rubric`);
  else if (self.score < MIN_MODEL_ANSWER_SCORE) p.push(`${where}: the model answer scores ${self.score}/100 against its own rubric; at least ${MIN_MODEL_ANSWER_SCORE} is expected (state its key points more fully)`);
  for (const [label, text] of [['a generic wrong answer', GENERIC_WRONG_ANSWER], ['the prompt pasted back', q.prompt]] as const) {
    const score = ctx.grader.gradeNow(q, text).score;
    if (score > (label === 'the prompt pasted back' ? 0 : MAX_WRONG_SCORE)) p.push(`${where}: ${label} scores ${score}/100; make the keywords specific to this question`);
  }
  if (q.misconceptions.length < MIN_MISCONCEPTIONS) {
    p.push(`${where}: misconceptions: ${q.misconceptions.length} listed; every entry names at least ${MIN_MISCONCEPTIONS} wrong statements candidates make`);
  }
  // Right statements written with the same words as the wrong ones: a group that fires on them
  // would blame a member for the right answer (usually a swap that needs an "in order" group).
  const rightStatements: [string, string][] = [
    ['the model answer', q.answer],
    ['the correct choice', q.choices.correct],
    ...q.keyPoints.map((kp, i): [string, string] => [`key point ${i + 1}`, kp.point]),
    ...q.misconceptions.map((m, i): [string, string] => [`the correction of misconception ${i + 1}`, m.correction]),
  ];
  for (const [label, text] of rightStatements) {
    for (const m of statedMisconceptions(new StemmedText(text), q.misconceptions)) {
      p.push(`${where}: misconceptions: "${m.misconception.statement}" fires on ${label} ("${m.quote}"); make its evidence specific to the wrong claim`);
    }
  }
  for (const m of q.misconceptions) {
    if (statedMisconceptions(new StemmedText(m.statement), [m]).length === 0) {
      p.push(`${where}: misconceptions: "${m.statement}" is not detected in its own statement; every phrase of one evidence group must occur there, close together`);
    }
  }
  if ((q.hint.match(/[.!?](\s|$)/g) ?? []).length > 1) p.push(`${where}: hint: one sentence only`);
  const lengths = [q.choices.correct, ...q.choices.distractors].map((c) => c.length);
  const shortest = Math.min(...lengths);
  const longest = Math.max(...lengths);
  if (longest > 2.5 * shortest + 20) {
    p.push(`${where}: choices: lengths ${lengths.join('/')} differ too much; keep options of similar length`);
  }
  for (const tell of styleTells(q)) p.push(`${where}: choices: ${tell}; a blind candidate picks it without knowing the answer`);
  return p;
}

