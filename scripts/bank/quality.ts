import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Question } from '../../src/core/bank/schema.js';
import { stemTokens } from '../../src/core/grading/text-match.js';
import { MAX_LONGEST_CORRECT_SHARE } from '../../src/core/bank/editorial.js';
import { blindTestTaker, MAX_BLIND_SCORE } from '../../src/core/bank/blind-test-taker.js';

/**
 * Editorial checks on bank entries, beyond the schema. Each returns human-readable problems;
 * an empty list means the check passed. The test suite and `npm run bank:check` share them.
 */

export { ANSWER_WORDS, MAX_LONGEST_CORRECT_SHARE, GENERIC_WRONG_ANSWER, MAX_WRONG_SCORE, MIN_MISCONCEPTIONS, bankContext, entryProblems, type BankContext } from '../../src/core/bank/editorial.js';

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
