import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Question } from '../../src/core/bank/schema.js';
import { RubricGrader } from '../../src/core/grading/rubric.js';
import { statedMisconceptions } from '../../src/core/grading/misconceptions.js';
import { STOPWORDS, StemmedText, stemmedPhrase, stemTokens } from '../../src/core/grading/text-match.js';
import { blindTestTaker, MAX_BLIND_SCORE, styleTells } from './blind-test-taker.js';

/**
 * Editorial checks on bank entries, beyond the schema. Each returns human-readable problems;
 * an empty list means the check passed. The test suite and `npm run bank:check` share them.
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
  const self = ctx.grader.gradeNow(q, q.answer).score;
  if (self !== 100) p.push(`${where}: the model answer scores ${self}/100 against its own rubric`);
  for (const [label, text] of [['a generic wrong answer', GENERIC_WRONG_ANSWER], ['the prompt pasted back', q.prompt]] as const) {
    const score = ctx.grader.gradeNow(q, text).score;
    if (score > (label === 'the prompt pasted back' ? 0 : MAX_WRONG_SCORE)) p.push(`${where}: ${label} scores ${score}/100; make the keywords specific to this question`);
  }
  if (q.misconceptions.length < MIN_MISCONCEPTIONS) {
    p.push(`${where}: misconceptions: ${q.misconceptions.length} listed; every entry names at least ${MIN_MISCONCEPTIONS} wrong statements candidates make`);
  }
  for (const [label, text] of [['the model answer', q.answer], ['the correct choice', q.choices.correct]] as const) {
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

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** Problems across the bank: length bias, near-duplicate prompts, seed coverage. */
export function bankProblems(questions: readonly Question[], seedIds?: ReadonlySet<string>): string[] {
  const p: string[] = [];
  const longestCorrect = questions.filter((q) => q.choices.distractors.every((d) => q.choices.correct.length > d.length));
  const share = questions.length === 0 ? 0 : longestCorrect.length / questions.length;
  if (share >= MAX_LONGEST_CORRECT_SHARE) {
    p.push(`choices: the correct option is the longest in ${(share * 100).toFixed(0)}% of entries (must be under ${MAX_LONGEST_CORRECT_SHARE * 100}%)`);
  }
  const promptSets = questions.map((q) => new Set(stemTokens(q.prompt)));
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const a = promptSets[i]!;
      const b = promptSets[j]!;
      const inter = [...a].filter((t) => b.has(t)).length;
      const jaccard = inter / (a.size + b.size - inter);
      if (jaccard >= 0.75) p.push(`prompt: "${questions[i]!.id}" and "${questions[j]!.id}" are near-duplicates (${(jaccard * 100).toFixed(0)}% shared words)`);
    }
  }
  // Below this many entries the fitted test-taker's figure is mostly noise; bank:check reports it anyway.
  if (questions.length >= 100) {
    const blind = blindTestTaker(questions);
    if (blind.bestScore > MAX_BLIND_SCORE) {
      p.push(`choices: a content-blind test-taker scores ${pct(blind.bestScore)} by "${blind.bestStrategy}" (chance 25%, must be at most ${pct(MAX_BLIND_SCORE)})`);
    }
  }
  if (seedIds) {
    const covered = new Set(questions.flatMap((q) => q.covers));
    const missing = [...seedIds].filter((id) => !covered.has(id));
    if (missing.length > 0) p.push(`covers: ${missing.length} seed question(s) not covered: ${missing.join(', ')}`);
  }
  return p;
}

const RUN = 12;
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of 12 consecutive words in the seeds' prose, with the seed questions themselves removed. */
export function seedProseRuns(seedDir: string): Set<string> | undefined {
  if (!existsSync(join(seedDir, 'questions.json'))) return undefined;
  const seedQuestions = (JSON.parse(readFileSync(join(seedDir, 'questions.json'), 'utf8')) as { text: string }[]).map((q) => q.text);
  const runs = new Set<string>();
  for (const file of readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) {
    let prose = readFileSync(join(seedDir, file), 'utf8');
    for (const question of seedQuestions) prose = prose.split(question).join('\n');
    for (const line of prose.split(/\n\s*\n/)) {
      const w = words(line);
      for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
    }
  }
  return runs;
}

/** Entries whose own prose shares a run of 12 words with the seeds' answers. */
export function copiedProse(questions: readonly Question[], runs: ReadonlySet<string>): string[] {
  const p: string[] = [];
  for (const q of questions) {
    const own = [q.answer, q.explanation, q.hint, q.choices.correct, ...q.choices.distractors, ...q.keyPoints.map((k) => k.point)];
    for (const text of own) {
      const w = words(text);
      for (let i = 0; i + RUN <= w.length; i++) {
        const run = w.slice(i, i + RUN).join(' ');
        if (runs.has(run)) {
          p.push(`question "${q.id}": shares 12 words with the seed prose: "${run}"`);
          break;
        }
      }
    }
  }
  return p;
}
