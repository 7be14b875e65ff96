import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

/**
 * The files the compiled store reads at run time beside its modules (tsc copies only what it
 * compiles): Lua scripts and SQL migrations. Run by `npm run build` after tsc, so dist/ runs on
 * its own, not only inside the Docker image.
 */
const ASSETS = [
  { dir: 'src/store/lua', ext: '.lua' },
  { dir: 'src/store/sqlite/migrations', ext: '.sql' },
];

for (const { dir, ext } of ASSETS) {
  const files = readdirSync(join(projectRoot, dir)).filter((f) => f.endsWith(ext));
  for (const f of files) cpSync(join(projectRoot, dir, f), join(projectRoot, 'dist', dir, f));
  process.stdout.write(`build: copied ${files.length} ${ext} file(s) to dist/${dir}\n`);
}
