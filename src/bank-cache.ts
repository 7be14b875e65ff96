import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuestionBank } from './core/bank/question-bank.js';
import type { Question } from './core/bank/schema.js';
import { projectRoot } from './paths.js';

/**
 * Parsing and validating the YAML bank is most of a start. It is done once and its result kept
 * in a cache keyed by a hash of the bank's files (every questions/*.yaml and seed-ids.json, by
 * content) and of the code that validates them; while none changes, a start reads the validated
 * questions from one JSON file. Any other change (an edited question, a new rule) misses the
 * cache and validates again, so an invalid bank is refused exactly as without the cache.
 */

const FORMAT = 1;

/** Source files whose rules shape a valid bank: a change to them invalidates every cached bank. */
function validatorSources(): string[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return [join(here, `bank-loader.${ext}`), join(here, 'core', 'bank', `schema.${ext}`)];
}

/** The cache key: hash of the validator and of every bank file's name and content. */
export function bankHash(dataDir: string): string {
  const h = createHash('sha256').update(`backprop-bank-cache:${FORMAT}\n`);
  for (const file of validatorSources()) h.update(readFileSync(file));
  const dir = join(dataDir, 'questions');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    // No folder: the loader reports it; nothing to hash.
  }
  for (const f of files) h.update(`\0${f}\0`).update(readFileSync(join(dir, f)));
  try {
    h.update('\0seed-ids.json\0').update(readFileSync(join(dataDir, 'seed-ids.json')));
  } catch {
    h.update('\0no-seed-ids\0');
  }
  return h.digest('hex');
}

/** Where cached banks live: node_modules/.cache/backprop (the usual home of tool caches), else the temp folder. */
export function defaultCacheDir(): string {
  return join(projectRoot, 'node_modules', '.cache', 'backprop');
}

function tryRead(file: string): Question[] | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: number; questions?: Question[] };
    return parsed.format === FORMAT && Array.isArray(parsed.questions) ? parsed.questions : null;
  } catch {
    return null;
  }
}

function tryWrite(dir: string, file: string, questions: readonly Question[]): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside, then renamed: a concurrent start never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ format: FORMAT, questions }));
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

export interface BankLoad {
  bank: QuestionBank;
  /** hit: read from the cache; miss: validated now (and cached when a cache folder was writable). */
  cache: 'hit' | 'miss';
  hash: string;
}

/** The bank of `dataDir`, from the cache when its files are unchanged, else validated (BankError on problems) and cached. */
export async function loadBankCached(dataDir: string, cacheDirs: readonly string[] = [defaultCacheDir(), join(tmpdir(), 'backprop-bank-cache')]): Promise<BankLoad> {
  const hash = bankHash(dataDir);
  for (const dir of cacheDirs) {
    const questions = tryRead(join(dir, `${hash}.json`));
    if (questions) return { bank: new QuestionBank(questions), cache: 'hit', hash };
  }
  // Loaded only on a miss: the YAML parser and the validation are what the cache saves.
  const { loadBank } = await import('./bank-loader.js');
  const bank = loadBank(dataDir);
  for (const dir of cacheDirs) if (tryWrite(dir, join(dir, `${hash}.json`), bank.questions)) break;
  return { bank, cache: 'miss', hash };
}
