// npm run store:check: SQLite's integrity check of the embedded store's database in DATA_DIR.
import { loadConfig } from '../src/config.js';
import { checkDatabase } from '../src/store/sqlite/operations.js';

try {
  const r = checkDatabase(loadConfig(process.env).dataDir);
  if (r.ok) {
    process.stdout.write(`${r.path}: ok (${r.bytes} bytes, schema version ${r.schemaVersion})\n`);
  } else {
    process.stdout.write(`${r.path}: ${r.problems.length} problem(s):\n${r.problems.join('\n')}\nRestore a backup (npm run store:backup makes one).\n`);
    process.exitCode = 1;
  }
} catch (err) {
  process.stderr.write(`store:check: ${(err as Error).message}\n`);
  process.exit(1);
}
