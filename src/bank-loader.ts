import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { QuestionBank } from './core/bank/question-bank.js';
import { questionFileSchema, questionSchema, TOPIC_IDS, type Question } from './core/bank/schema.js';
import { AppError } from './core/errors.js';

/** Why the bank cannot be used: every problem, each naming file, question and field. */
export class BankError extends AppError {
  constructor(readonly problems: string[]) {
    super('BANK_INVALID', `The question bank is invalid (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`);
  }
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(entry)' : path.map(String).join('.');
}

/** Parses one topic file; returns its questions and the problems found, never throws for content. */
export function parseTopicFile(displayName: string, source: string): { questions: Question[]; problems: string[] } {
  const problems: string[] = [];
  const questions: Question[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(source);
  } catch (err) {
    return { questions, problems: [`${displayName}: not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const list = questionFileSchema.safeParse(doc);
  if (!list.success) {
    return { questions, problems: [`${displayName}: the file must be a YAML list of questions`] };
  }
  const fileTopic = basename(displayName).replace(/\.ya?ml$/, '');
  list.data.forEach((raw, index) => {
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw).id) : '?';
    const where = `${displayName}: question "${rawId}" (#${index + 1})`;
    const parsed = questionSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}: ${describePath(issue.path)}: ${issue.message}`);
      return;
    }
    if (parsed.data.topic !== fileTopic) {
      problems.push(`${where}: topic: "${parsed.data.topic}" does not match the file name (${fileTopic})`);
      return;
    }
    questions.push(parsed.data);
  });
  return { questions, problems };
}

/** Checks that hold across files: unique ids, known seed ids, each seed covered at most once. */
export function crossCheck(questions: readonly Question[], seedIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seenIds = new Map<string, string>();
  const coveredBy = new Map<string, string>();
  for (const q of questions) {
    if (seenIds.has(q.id)) problems.push(`question "${q.id}": id: duplicate id (also in topic ${seenIds.get(q.id)})`);
    seenIds.set(q.id, q.topic);
    for (const seed of q.covers) {
      if (!seedIds.has(seed)) problems.push(`question "${q.id}": covers: unknown seed id "${seed}"`);
      else if (coveredBy.has(seed)) problems.push(`question "${q.id}": covers: seed "${seed}" is already covered by "${coveredBy.get(seed)}"`);
      else coveredBy.set(seed, q.id);
    }
  }
  return problems;
}

export function loadSeedIds(dataDir: string): Set<string> {
  const ids: unknown = JSON.parse(readFileSync(join(dataDir, 'seed-ids.json'), 'utf8'));
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) {
    throw new AppError('BANK_INVALID', `${join(dataDir, 'seed-ids.json')} must be a JSON array of seed ids`);
  }
  return new Set(ids);
}

/**
 * Loads and validates data/questions/*.yaml. Throws BankError listing every problem, so the bot
 * refuses to start on an invalid bank rather than serving part of it.
 */
export function loadBank(dataDir: string): QuestionBank {
  const dir = join(dataDir, 'questions');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    throw new BankError([`${dir}: cannot read the question directory (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  const problems: string[] = [];
  const questions: Question[] = [];
  for (const file of files) {
    const path = join(dir, file);
    if (!TOPIC_IDS.includes(file.replace(/\.ya?ml$/, '') as never)) {
      problems.push(`${relative(process.cwd(), path)}: unknown topic file; valid topics: ${TOPIC_IDS.join(', ')}`);
      continue;
    }
    const result = parseTopicFile(relative(process.cwd(), path) || path, readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    questions.push(...result.questions);
  }
  problems.push(...crossCheck(questions, loadSeedIds(dataDir)));
  if (questions.length === 0 && problems.length === 0) problems.push(`${dir}: no questions found`);
  if (problems.length > 0) throw new BankError(problems);
  return new QuestionBank(questions);
}
