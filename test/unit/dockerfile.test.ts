import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { FONT_FILES } from '../../src/pictures/png-renderer.js';

/** No Docker here: the Dockerfile is checked statically against what the code needs at run time. */
const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const [build = '', runtime = ''] = stages;

describe('Dockerfile', () => {
  it('builds better-sqlite3 in the build stage, from the lockfile, with the tools node-gyp needs', () => {
    expect(stages).toHaveLength(2);
    expect(build).toMatch(/apt-get install[^\n]*python3 make g\+\+/);
    expect(build.indexOf('apt-get install')).toBeLessThan(build.indexOf('npm ci'));
    expect(build).toContain('COPY package.json package-lock.json ./');
    expect(build).toContain('RUN npm ci');
    // Scripts off for npm ci (the prepare build needs the sources, copied later), so the native
    // addon is built explicitly.
    expect(build).toMatch(/npm ci[^\n]*--ignore-scripts && npm rebuild better-sqlite3/);
    expect(build).toContain('npm prune --omit=dev');
    expect(dockerfile).not.toMatch(/npm install/);
  });

  it('ships production dependencies and the files read at run time, as the node user', () => {
    expect(runtime).toMatch(/^node:22-bookworm-slim AS runtime/);
    expect(build).toMatch(/^node:22-bookworm-slim AS build/); // same base: the compiled addon fits
    expect(runtime).toContain('COPY --from=build /app/node_modules ./node_modules');
    // Lua scripts and SQL migrations come with dist/: npm run build copies them beside the compiled store.
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(build).toContain('RUN npm run build');
    expect((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build']).toContain('build-assets');
    expect(runtime).not.toMatch(/apt-get|g\+\+/);
    expect(runtime).toMatch(/^USER node$/m);
    const lockfile = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };
    expect(lockfile.packages['node_modules/better-sqlite3']).toMatchObject({ version: expect.stringMatching(/^12\./) });
    expect(lockfile.packages['node_modules/better-sqlite3']?.dev).toBeUndefined();
  });

  it('ships the fonts pictures are drawn with, where the renderer looks for them', () => {
    expect(runtime).toContain('COPY assets ./assets');
    const ignore = readFileSync(join(projectRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignore).not.toContain('assets');
    for (const font of FONT_FILES) {
      expect(font.startsWith(join(projectRoot, 'assets/fonts/'))).toBe(true);
      expect(existsSync(font)).toBe(true);
    }
    expect(existsSync(join(projectRoot, 'assets/fonts/LICENSE-DejaVu.txt'))).toBe(true);
  });

  it('copies migrations that exist and are not excluded by .dockerignore', () => {
    const ignore = readFileSync(join(projectRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignore).not.toContain('src');
    expect(readdirSync(join(projectRoot, 'src/store/sqlite/migrations')).filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(0);
    expect(existsSync(join(projectRoot, 'data/questions'))).toBe(true);
  });
});
