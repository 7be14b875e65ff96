// npm run store:backup -- FILE: an online backup of the embedded store (DATA_DIR) into FILE.
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/core/errors.js';
import { backupDatabase } from '../src/store/sqlite/operations.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: npm run store:backup -- FILE   (backs up the database in DATA_DIR, default ./.data)\n');
  process.exit(2);
}
try {
  const config = loadConfig(process.env);
  // npm runs scripts in the package folder; FILE is relative to where the command was typed.
  const r = await backupDatabase(config.dataDir, resolve(process.env['INIT_CWD'] ?? process.cwd(), file));
  if (!r.ok) throw new AppError('STORE_CORRUPT', `The backup ${r.path} fails its integrity check:\n${r.problems.join('\n')}`);
  process.stdout.write(`Backed up to ${r.path} (${r.bytes} bytes, schema version ${r.schemaVersion}); integrity check: ok\n`);
} catch (err) {
  process.stderr.write(`store:backup: ${(err as Error).message}\n`);
  process.exit(1);
}
