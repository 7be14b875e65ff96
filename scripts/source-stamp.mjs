// Whether dist/ was compiled from the sources as they are now, so `npm start` can run the compiled
// build (no TypeScript compiler at start) and fall back to the sources through tsx when it was not.
// Plain JavaScript on purpose: it runs before anything is compiled.
//
//   node scripts/source-stamp.mjs --begin   before tsc: empty dist/, note the sources
//   node scripts/source-stamp.mjs --commit  after a successful build: the noted sources are dist/'s
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** What `npm run build` compiles or copies into dist/ (tsconfig.build.json's include, its configs). */
const SOURCE_DIRS = ['src', 'commands', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json'];
const STAMP = 'dist/.source-stamp.json';
const PENDING = 'dist/.source-stamp.pending.json';

/** Every source file, sorted, with its size and modification time. */
function listSources(root) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  files.push(...SOURCE_FILES);
  return files.sort().map((path) => {
    const s = statSync(join(root, path));
    return { path, size: s.size, mtimeMs: s.mtimeMs };
  });
}

/** SHA-256 over every source file's path and bytes. */
function contentHash(root, files) {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0`).update(readFileSync(join(root, f.path))).update('\0');
  return h.digest('hex');
}

export function sourceStamp(root = projectRoot) {
  const files = listSources(root);
  return { hash: contentHash(root, files), files };
}

/**
 * True when dist/ holds a build of exactly the current sources. The cheap check (every file's
 * path, size and mtime as stamped) settles the usual case; when it fails (a checkout or a touch
 * changes mtimes) the contents decide, so only a real change sends a start to the sources.
 */
export function isBuildFresh(root = projectRoot) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return false; // never built, or a build that did not finish
  }
  let files;
  try {
    files = listSources(root);
  } catch {
    return false;
  }
  const same = (a, b) => a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;
  if (files.length === stamp.files.length && files.every((f, i) => same(f, stamp.files[i]))) return true;
  return contentHash(root, files) === stamp.hash;
}

if (process.argv[1] && relative(fileURLToPath(import.meta.url), process.argv[1]) === '') {
  const step = process.argv[2];
  if (step === '--begin') {
    // A clean dist/: nothing compiled from a source since deleted (an old Lua script) stays.
    rmSync(join(projectRoot, 'dist'), { recursive: true, force: true });
    mkdirSync(join(projectRoot, 'dist'));
    // Noted before tsc reads the sources: an edit during the build makes the stamp not match.
    const stamp = sourceStamp();
    writeFileSync(join(projectRoot, PENDING), JSON.stringify(stamp));
  } else if (step === '--commit') {
    renameSync(join(projectRoot, PENDING), join(projectRoot, STAMP));
    process.stdout.write(`build: dist/ stamped as built from the current sources\n`);
  } else {
    process.stderr.write('usage: node scripts/source-stamp.mjs --begin | --commit\n');
    process.exit(2);
  }
}
