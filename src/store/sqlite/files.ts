import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The database file inside DATA_DIR; its -wal and -shm companions sit beside it. */
export const DB_FILE = 'backprop.sqlite';

/** Bytes taken by the files directly in a folder (the database, its WAL, a kept legacy file). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) {
    const s = await stat(join(dir, name)).catch(() => null);
    if (s?.isFile()) total += s.size;
  }
  return total;
}
