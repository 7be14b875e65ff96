import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/ports.js';
import { SqliteDatabase } from './database.js';
import { DB_FILE } from './files.js';
import { importLegacySnapshot, isEmptyStore, LEGACY_IMPORT_MARK } from './import-legacy.js';
import { LEGACY_JSON_FILE, readLegacySnapshot, type LegacySnapshot } from './legacy-json.js';
import { migrate } from './migrate.js';

/**
 * The writer's connection waits this long for another process's write lock, synchronously: it
 * blocks the writer thread only, never the event loop. Past it, the write fails (try again).
 */
export const WRITER_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens DATA_DIR/backprop.sqlite for writing: creates and migrates it, and imports the JSON data
 * file of earlier versions once. A corrupt JSON file stops the start before anything is created.
 */
export async function openForWriting(dataDir: string, now: number, log: Logger): Promise<SqliteDatabase> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE);
  const legacyPath = join(dataDir, LEGACY_JSON_FILE);
  const hasLegacy = existsSync(legacyPath);
  // Read (and validate) the old file before the database exists, so a corrupt one leaves the folder as it was.
  const early = hasLegacy && !existsSync(path) ? await readLegacySnapshot(legacyPath) : null;

  const sql = new SqliteDatabase(path, { busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS });
  try {
    const { from, to } = migrate(sql.db, path, undefined, now);
    if (from !== to) log.info('Migrated the embedded store', { path, from, to });
    if (hasLegacy) await importOnce(sql, legacyPath, early, now, log);
  } catch (err) {
    sql.close();
    throw err;
  }
  return sql;
}

async function importOnce(sql: SqliteDatabase, legacyPath: string, early: LegacySnapshot | null, now: number, log: Logger): Promise<void> {
  const done = sql.get('SELECT value FROM meta WHERE key = ?', LEGACY_IMPORT_MARK) !== undefined;
  if (!done && !isEmptyStore(sql)) {
    log.warn(`Found the old data file ${legacyPath} beside a database that already holds data: it was not imported and is left as it is.`);
    return;
  }
  let counts: { keys: number; skipped: number } | null = null;
  if (!done) {
    const snapshot = early ?? (await readLegacySnapshot(legacyPath));
    if (!snapshot) return;
    counts = sql.transaction(() => importLegacySnapshot(sql, snapshot, legacyPath, now));
  }
  // Renamed only after the import committed; a crash in between just renames it at the next start.
  let kept = `${legacyPath}.imported`;
  if (existsSync(kept)) kept = `${kept}-${Date.now()}`;
  await rename(legacyPath, kept);
  // A warning, so it shows even in console mode: the operator's data file has moved.
  log.warn(
    counts
      ? `Imported the old data file ${legacyPath} into ${sql.path} in one transaction; the old file is kept as ${kept} (never deleted).`
      : `The old data file ${legacyPath} was imported at an earlier start; it is now kept as ${kept} (never deleted).`,
    counts ?? undefined,
  );
}
