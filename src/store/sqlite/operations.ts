import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { DB_FILE } from './files.js';

/** Operator commands on the embedded store's database: online backup and integrity check. */

function openExisting(dataDir: string): { db: Database.Database; path: string } {
  const path = join(resolve(dataDir), DB_FILE);
  if (!existsSync(path)) throw new AppError('CONFIG_INVALID', `There is no database at ${path}. Set DATA_DIR to the folder the bot uses (default ./.data).`);
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return { db, path };
}

export interface CheckResult {
  path: string;
  ok: boolean;
  problems: string[];
  schemaVersion: number;
  bytes: number;
}

/** PRAGMA integrity_check: reads every page; safe while the bot runs (it only reads). */
export function checkDatabase(dataDir: string): CheckResult {
  const { db, path } = openExisting(dataDir);
  try {
    return checkOpen(db, path);
  } finally {
    db.close();
  }
}

function checkOpen(db: Database.Database, path: string): CheckResult {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  const schemaVersion = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  return { path, ok: problems.length === 0, problems, schemaVersion, bytes: statSync(path).size };
}

/**
 * Copies the database with SQLite's online backup API, page by page over several turns of the
 * event loop, while the bot keeps running; then checks the copy. Never overwrites a file.
 */
export async function backupDatabase(dataDir: string, destination: string): Promise<CheckResult> {
  const target = resolve(destination);
  if (existsSync(target)) throw new AppError('CONFIG_INVALID', `${target} already exists; choose a new file name for the backup.`);
  const { db } = openExisting(dataDir);
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    return checkOpen(copy, target);
  } finally {
    copy.close();
  }
}
