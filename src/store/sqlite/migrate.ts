import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** migrations/NNNN-name.sql, in order; the numbers must run 1, 2, 3 … without gaps. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, m: /^(\d+)-([\w-]+)\.sql$/.exec(file) }))
    .filter((x): x is { file: string; m: RegExpExecArray } => x.m !== null)
    .map(({ file, m }) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(new URL(file, dir), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new Error(`Migration files must be numbered 1, 2, 3 …: found ${mig.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Brings the schema up to date: each pending migration and its row in schema_migrations commit
 * together, under the write lock, so two processes starting at once apply each migration once.
 * A database written by a newer Backprop (a version this code does not know) is refused.
 */
export function migrate(db: Database.Database, path: string, migrations: Migration[] = loadMigrations(), now = Date.now()): { from: number; to: number } {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const latest = migrations.length;
  const current = () => (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const from = current();
  if (from > latest) throw tooNew(path, from, latest);
  if (from === latest) return { from, to: from };
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    const at = current(); // again under the lock: another process may have migrated meanwhile
    if (at > latest) throw tooNew(path, at, latest);
    for (const m of migrations.slice(at)) {
      db.exec(m.sql);
      insert.run(m.version, m.name, now);
    }
  }).immediate();
  return { from, to: latest };
}

function tooNew(path: string, found: number, known: number): AppError {
  return new AppError(
    'STORE_TOO_NEW',
    `The database ${path} has schema version ${found}, but this Backprop knows versions up to ${known}: ` +
      `it was written by a newer Backprop. Run that version (or newer), or restore a backup made with this one. Nothing was changed.`,
  );
}
