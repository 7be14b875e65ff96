import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../support/console-process.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('practice, review and stats through the console', () => {
  it('practice serves a card with its reason, continues with Next card, and review and stats count the cards', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backprop-practice-'));
    dirs.push(dataDir);
    const run = await runConsole('/review\n/practice\n1\nnext\n2\n/practice topic:cnn mode:flash\nreveal\nagain\n/review\n/stats\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    const out = run.stdout;
    // A new member: nothing due, and the first card is new, from a least-practised topic.
    expect(out).toContain('Nothing due this week.');
    expect(out).toMatch(/New: a topic you have practised least, /);
    // The answer's "next" continues practice: a second card with its own reason line.
    expect(out.match(/^New: /gm)?.length).toBe(3);
    expect(out).toContain('New: from CNNs and computer vision, as you asked');
    expect(out).toContain('You rated yourself again.');
    // The flash card rated again is due tomorrow: within this week, not today (unless run near midnight UTC).
    expect(out).toMatch(/\d cards? due (today|this week)/);
    // Stats: the answers as before, plus cards learned per topic.
    expect(out).toContain('Answered: 3');
    expect(out).toMatch(/Cards learned/);
    // Practice picked the first two at random: the cnn flash card (rated again) is one of 1 or 2.
    expect(out).toMatch(/CNNs and computer vision: [01] of [12]/);
  });
});
