import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isBuildFresh, sourceStamp } from '../../scripts/source-stamp.mjs';
import { useTempDirs } from '../support/temp-dirs.js';

/** `npm start` runs dist/ only when it was built from the sources as they are now (scripts/start.mjs). */
describe('the build stamp npm start trusts', () => {
  const tempDir = useTempDirs('backprop-source-stamp-');
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const stamp = () => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist/.source-stamp.json'), JSON.stringify(sourceStamp(root)));
  };

  beforeEach(() => {
    root = tempDir();
    write('src/main.ts', 'export const a = 1;\n');
    write('src/store/lua/x-1.lua', 'return 1\n');
    write('commands/quiz.ts', 'export {};\n');
    write('scripts/build-assets.ts', 'export {};\n');
    write('tsconfig.json', '{}');
    write('tsconfig.build.json', '{}');
  });

  it('never built, or a build that did not finish: not fresh', () => {
    expect(isBuildFresh(root)).toBe(false);
    stamp();
    expect(isBuildFresh(root)).toBe(true);
  });

  it('a touched file with the same bytes (a checkout, an editor saving unchanged) is still fresh', () => {
    stamp();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/main.ts'), later, later);
    expect(isBuildFresh(root)).toBe(true);
  });

  it('an edited, added or deleted source, a changed Lua script or compiler setting: not fresh', () => {
    const cases: [string, () => void][] = [
      ['edited', () => write('src/main.ts', 'export const a = 2;\n')],
      ['added', () => write('commands/new.ts', 'export {};\n')],
      ['deleted', () => rmSync(join(root, 'scripts/build-assets.ts'))],
      ['lua', () => write('src/store/lua/x-1.lua', 'return 2\n')],
      ['tsconfig', () => write('tsconfig.build.json', '{"compilerOptions":{}}')],
    ];
    for (const [name, change] of cases) {
      stamp();
      change();
      expect(isBuildFresh(root), name).toBe(false);
    }
  });
});
