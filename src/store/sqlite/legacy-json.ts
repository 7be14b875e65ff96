import { readFile } from 'node:fs/promises';
import { AppError } from '../../core/errors.js';

/**
 * The data file of the embedded store before SQLite: one JSON snapshot of a Redis-like keyspace
 * (`{ version: 1, entries: { key: { value: { t, v }, exp? } } }`, keys as in ../keys.ts with an
 * empty prefix). It is only read now, once, to import it.
 */
export const LEGACY_JSON_FILE = 'backprop-store.json';

export type LegacyValue =
  | { t: 'str'; v: string }
  | { t: 'hash'; v: Record<string, string> }
  | { t: 'set'; v: string[] }
  | { t: 'zset'; v: Record<string, number> }
  | { t: 'list'; v: string[] };

export interface LegacyEntry {
  value: LegacyValue;
  /** ms since the epoch; absent for no expiry */
  exp?: number | undefined;
}

export interface LegacySnapshot {
  version: 1;
  entries: Record<string, LegacyEntry>;
}

/** Checks a parsed snapshot's shape before it is trusted. */
export function isLegacySnapshot(x: unknown): x is LegacySnapshot {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as { version?: unknown; entries?: unknown };
  if (s.version !== 1 || typeof s.entries !== 'object' || s.entries === null) return false;
  const types = new Set(['str', 'hash', 'set', 'zset', 'list']);
  return Object.values(s.entries as Record<string, unknown>).every((e) => {
    const v = (e as { value?: { t?: unknown; v?: unknown } }).value;
    return typeof v === 'object' && v !== null && types.has(String(v.t)) && v.v !== undefined;
  });
}

/** Reads the file; null when it does not exist. A corrupt file throws and is left untouched. */
export async function readLegacySnapshot(path: string): Promise<LegacySnapshot | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('STORE_CORRUPT', `Cannot read the data file ${path}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw corrupt(path, `it is not valid JSON (${(cause as Error).message})`, cause);
  }
  if (!isLegacySnapshot(parsed)) throw corrupt(path, 'its content is not in the expected format');
  return parsed;
}

function corrupt(path: string, why: string, cause?: unknown): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `The data file ${path} is corrupted: ${why}. Backprop will not start on it and has not changed it. ` +
      `Restore it from a backup, or move it away to start with empty data.`,
    { cause },
  );
}
