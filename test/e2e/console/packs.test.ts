import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runConsole } from '../../support/console-process.js';
import { packYaml } from '../../support/packs.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-packs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('console: /pack import PATH and the pack commands, end to end', () => {
  it('imports, quizzes on, disables, enables, exports; a malformed pack changes nothing and names the problem', async () => {
    const good = join(dir, 'our-stack.yaml');
    writeFileSync(good, packYaml());
    const doc = parse(packYaml({ version: '2.0' })) as { questions: Record<string, unknown>[] };
    doc.questions[1]!['difficulty'] = 'expert';
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify(doc));
    const dataDir = join(dir, 'data');
    const run = await runConsole(
      [
        `/pack import ${good}`,
        '/topics',
        '/quiz topic:our-stack',
        '1',
        `/pack import ${bad}`,
        `/pack import ${join(dir, 'missing.yaml')}`,
        '/pack list',
        '/pack disable our-stack',
        '/quiz topic:our-stack',
        '/pack enable our-stack',
        '/pack export our-stack',
        '',
      ].join('\n'),
      { DATA_DIR: dataDir, PICTURES_DIR: join(dataDir, 'files') },
    );
    expect(run.code).toBe(0);
    // The console wraps long lines: read it as one line of words.
    const out = run.stdout.replace(/\s+/g, ' ');
    expect(out).toMatch(/our-stack\S* 1\.0 is imported: 3 questions, enabled/);
    expect(out).toMatch(/our-stack.*1/); // topics lists the pack with its count
    expect(out).toMatch(/our-stack · (beginner|intermediate|advanced)/i); // the card of the pack's own question
    // The bad import names the entry, field and valid values, and the pack stays at 1.0.
    expect(out).toContain('nothing was stored');
    expect(out).toMatch(/entry "model-compression-approaches", difficulty: .*beginner/);
    expect(out).toContain('no file at');
    expect(out).toMatch(/our-stack\S* 1\.0: 3 questions, enabled/);
    expect(out).toMatch(/our-stack\S* is disabled/);
    expect(out).toMatch(/Unknown topic "our-stack"/);
    expect(out).toMatch(/our-stack\S* is enabled/);
    expect(out).toContain('name: our-stack');
    // The export is also written whole to a file, whose path the console prints.
    const exported = /File: (\S+our-stack\S*\.yaml)$/m.exec(run.stdout)?.[1];
    expect(exported, run.stdout).toBeDefined();
    expect(readFileSync(exported!, 'utf8')).toBe(packYaml());
  }, 120_000);
});
