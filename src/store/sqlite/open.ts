import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Logger } from '../../core/ports.js';
import { SqliteDatabase } from './database.js';
import { DB_FILE } from './files.js';
import { importLegacySnapshot, isEmptyStore, LEGACY_IMPORT_MARK } from './import-legacy.js';
import { LEGACY_JSON_FILE, readLegacySnapshot } from './legacy-json.js';
import { migrate } from './migrate.js';

export interface SqliteStoreConfig {
  clock: Clock;
  /** The folder holding the database (created if missing). */
  dataDir: string;
  logger?: Logger | undefined;
  /** How long a write waits for another process's lock before it fails (default 5 s). */
  lockWaitMs?: number | undefined;
  /** At most one /readyz write probe per this many ms while healthy (default 5 s). */
  probeIntervalMs?: number | undefined;
  /** false: no background deletion of expired rows (benchmarks, tests). */
  sweep?: boolean | undefined;
}

export interface OpenedDatabase {
  sql: SqliteDatabase;
  dataDir: string;
}

/**
 * Opens DATA_DIR/backprop.sqlite: creates and migrates it, and imports the JSON data file of
 * earlier versions once. A corrupt JSON file stops the start before anything is created.
 */
export async function openDatabase(config: SqliteStoreConfig): Promise<OpenedDatabase> {
  const dataDir = config.dataDir;
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE);
  const legacyPath = join(dataDir, LEGACY_JSON_FILE);
  const hasLegacy = existsSync(legacyPath);
  // Read (and validate) the old file before the database exists, so a corrupt one leaves the folder as it was.
  const early = hasLegacy && !existsSync(path) ? await readLegacySnapshot(legacyPath) : null;

  const sql = new SqliteDatabase(path, config);
  try {
    const { from, to } = migrate(sql.db, path, undefined, config.clock.now());
    if (from !== to) config.logger?.info('Migrated the embedded store', { path, from, to });
    if (hasLegacy) await importOnce(sql, legacyPath, early, config);
  } catch (err) {
    sql.close();
    throw err;
  }
  config.logger?.info(`Embedded store: SQLite at ${path}. Several processes on this machine may share it; set REDIS_URL for replicas on several machines.`);
  return { sql, dataDir };
}

async function importOnce(sql: SqliteDatabase, legacyPath: string, early: Awaited<ReturnType<typeof readLegacySnapshot>>, config: SqliteStoreConfig): Promise<void> {
  const log = config.logger;
  const done = sql.stmt('SELECT value FROM meta WHERE key = ?').get(LEGACY_IMPORT_MARK) !== undefined;
  if (!done && !isEmptyStore(sql)) {
    log?.warn(`Found the old data file ${legacyPath} beside a database that already holds data: it was not imported and is left as it is.`);
    return;
  }
  if (!done) {
    const snapshot = early ?? (await readLegacySnapshot(legacyPath));
    if (!snapshot) return;
    const counts = await sql.write(() => importLegacySnapshot(sql, snapshot, legacyPath, config.clock.now()));
    log?.info(`Imported the old data file ${legacyPath} into ${sql.path} in one transaction`, counts);
  }
  // Renamed only after the import committed; a crash in between just renames it at the next start.
  let kept = `${legacyPath}.imported`;
  if (existsSync(kept)) kept = `${kept}-${Date.now()}`;
  await rename(legacyPath, kept);
  log?.info(`The old data file is kept as ${kept} (never deleted); you may remove it once you are happy with the import.`);
}
