import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bankHash, loadBankCached } from '../../src/bank-cache.js';
import { BankError, loadBank } from '../../src/bank-loader.js';
import { writeFixtureBank } from '../support/app.js';

describe('the validated bank cache', () => {
  let dir: string;
  let bankDir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backprop-bank-cache-'));
    bankDir = writeFixtureBank(join(dir, 'bank'));
    cacheDir = join(dir, 'cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validates on the first load, then serves the same bank from the cache while the files are unchanged', async () => {
    const first = await loadBankCached(bankDir, [cacheDir]);
    expect(first.cache).toBe('miss');
    expect(readdirSync(cacheDir)).toEqual([`${first.hash}.json`]);
    const second = await loadBankCached(bankDir, [cacheDir]);
    expect(second.cache).toBe('hit');
    expect(second.bank.questions).toEqual(loadBank(bankDir).questions);
    expect(second.bank.topics()).toEqual(first.bank.topics());
  });

  it('misses when any file changes (content, a new file, seed ids), and refuses an invalid edit as without a cache', async () => {
    const { hash } = await loadBankCached(bankDir, [cacheDir]);
    const topicFile = join(bankDir, 'questions', 'cnn.yaml');
    const original = readFileSync(topicFile, 'utf8');
    writeFileSync(topicFile, original.replace('What does max pooling do to a feature map?', 'What does max pooling do to a feature map, and why?'));
    const edited = await loadBankCached(bankDir, [cacheDir]);
    expect(edited.cache).toBe('miss');
    expect(edited.hash).not.toBe(hash);
    expect(edited.bank.get('fx-pooling')?.prompt).toContain('and why?');

    writeFileSync(join(bankDir, 'seed-ids.json'), '["dl80/x/1"]');
    expect(bankHash(bankDir)).not.toBe(edited.hash);

    // The valid version stays cached, but the files now differ: validated again, and refused.
    writeFileSync(join(bankDir, 'seed-ids.json'), '[]');
    appendFileSync(topicFile, '- id: broken\n  topic: cnn\n');
    await expect(loadBankCached(bankDir, [cacheDir])).rejects.toThrow(BankError);
    writeFileSync(topicFile, original);
    expect((await loadBankCached(bankDir, [cacheDir])).cache).toBe('hit');
  });

  it('ignores a damaged cache file, and works without a writable cache folder', async () => {
    const { hash } = await loadBankCached(bankDir, [cacheDir]);
    writeFileSync(join(cacheDir, `${hash}.json`), '{"format":1,"questions":[');
    const repaired = await loadBankCached(bankDir, [cacheDir]);
    expect(repaired.cache).toBe('miss');
    expect((await loadBankCached(bankDir, [cacheDir])).cache).toBe('hit');

    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder would go');
    const uncached = await loadBankCached(bankDir, [blocked]);
    expect(uncached.cache).toBe('miss');
    expect(uncached.bank.size).toBe(4);
  });
});
