import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import { makeTestApp } from '../support/app.js';
import { readPngHeader } from '../support/png.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'backprop-pictures-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The console adapter over a test app, with everything it prints collected. */
async function consoleWith(picturesDir: string) {
  const app = await makeTestApp();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => (out += d.toString()));
  const adapter = new ConsoleAdapter({ core: app.core, registry: app.registry, input: new PassThrough(), output, userName: 'Ann', picturesDir });
  // Answer one question (any option) so stats has something to draw.
  await adapter.handle('/quiz fundamentals beginner choice');
  await adapter.handle('1');
  return { adapter, output: () => out };
}

describe('pictures on the console', () => {
  it('stats writes the PNG to the pictures folder and prints its path', async () => {
    const dir = tempDir();
    const { adapter, output } = await consoleWith(dir);
    await adapter.handle('/stats');
    const path = /Picture: (\S+\.png)$/m.exec(output())?.[1];
    expect(path?.startsWith(dir)).toBe(true);
    expect(existsSync(path!)).toBe(true);
    expect(readPngHeader(readFileSync(path!)).width).toBe(800);
    // The words come first and stand on their own.
    expect(output()).toMatch(/Answered[\s\S]*Picture:/);
  });

  it('leaderboard image:true writes the card; each picture gets a file of its own', async () => {
    const dir = tempDir();
    const { adapter, output } = await consoleWith(dir);
    await adapter.handle('/leaderboard image:true');
    await adapter.handle('/leaderboard image:true');
    const paths = [...output().matchAll(/Picture: (\S+leaderboard\S*\.png)$/gm)].map((m) => m[1]!);
    expect(new Set(paths).size).toBe(2);
    for (const p of paths) expect(readPngHeader(readFileSync(p)).width).toBe(800);
  });

  it('a folder it cannot write to is named, with the variable that fixes it, and the text still shows', async () => {
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, 'not a folder');
    const { adapter, output } = await consoleWith(blocked);
    await adapter.handle('/stats');
    expect(output()).toContain('Answered');
    expect(output()).toMatch(/The picture could not be written to .*a-file .*Set PICTURES_DIR/);
  });
});
