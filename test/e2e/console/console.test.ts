import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../support/console-process.js';
import { deletePrefix, uniquePrefix, withRedis } from '../../support/redis.js';
import { writeLegacyFile } from '../../support/legacy-snapshot.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'backprop-console-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const me = userInfo().username;

function expectQuizSession(out: string) {
  // A question with four numbered options, then a graded result with the explanation.
  for (const n of [1, 2, 3, 4]) expect(out).toMatch(new RegExp(`^${n}\\. `, 'm'));
  expect(out).toMatch(/Correct! \+\d+ points|Not quite: the answer is \*?\*?\d/);
  expect(out).toContain('Why:');
  expect(out).toContain('Model answer:');
}

describe('console adapter, end to end through a child process', () => {
  it('npm start answers the same from the compiled build and from the sources through tsx', async () => {
    const [built, sources] = await Promise.all([
      runConsole('/help\n/topics\n', { DATA_DIR: tempDir() }),
      runConsole('/help\n/topics\n', { DATA_DIR: tempDir(), BACKPROP_FROM_SOURCES: '1' }),
    ]);
    expect(built.code).toBe(0);
    expect(sources.code).toBe(0);
    expect(built.stdout).toContain('/quiz');
    expect(built.stdout).toBe(sources.stdout);
  });

  it('runs a scripted session, keeps the state across a restart, and never loads a platform SDK', async () => {
    const dataDir = tempDir();
    const first = await runConsole('/quiz\n1\n/leaderboard\n/streak\n', { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expectQuizSession(first.stdout);
    expect(first.stdout).toMatch(new RegExp(`🥇 ${me} — \\d+ points?`));
    expect(first.stdout).toContain('🔥 1 day (best: 1 day)');
    expect(first.stderr).toContain('[loaded-platform-modules] 0');
    for (const line of first.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

    const second = await runConsole('/streak\n/stats\n', { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('🔥 1 day (best: 1 day)');
    expect(second.stdout).toMatch(/Answered: 1 · Accuracy: (0|100)%/);
  });

  it('answers open questions by text and flash cards by rating', async () => {
    const dataDir = tempDir();
    const run = await runConsole('/quiz mode:open\nA short answer about gradients and weights.\n/quiz mode:flash\nreveal\ngood\n/stats\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Score: \d+\/100/);
    expect(run.stdout).toContain('Covered (');
    expect(run.stdout).toContain('Missed (');
    expect(run.stdout).toContain('You rated yourself good.');
    expect(run.stdout).toContain('Answered: 2');
  });

  it('explains bad input and changes nothing', async () => {
    const dataDir = tempDir();
    const run = await runConsole('/frobnicate\n/quiz topic:astrology\n3\n/team join @everyone\n/team leave\n/stats\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    // Messages wrap at 80 columns; compare them as flowing text.
    run.stdout = run.stdout.replace(/\s+/g, ' ');
    expect(run.stdout).toContain('Unknown command "frobnicate". Valid commands: quiz, practice, review, interview, remind, leaderboard, streak, stats, topics, team, daily, pack, help.');
    expect(run.stdout).toMatch(/Unknown topic "astrology"\. Valid topics: [a-z, ]*cnn/);
    expect(run.stdout).toContain('There is nothing to answer right now.');
    expect(run.stdout).toContain('is not a valid team name. Use 2–32 characters');
    expect(run.stdout).toContain('You are not in a team.');
    expect(run.stdout).toContain('No answers yet.');
  });

  it('sets up a daily question, posts it with daily now, and takes an answer', async () => {
    const dataDir = tempDir();
    const run = await runConsole('/daily setup 09:00 Europe/Berlin\n/daily now\n1\n/daily now\n/daily status\n/daily setup 9am Mars/Base\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    const out = run.stdout.replace(/\s+/g, ' ');
    expect(out).toContain('DAILY QUESTION SET UP 09:00 Europe/Berlin, every day');
    expect(out).toMatch(/DAILY QUESTION · [A-Z ,]+ · (BEGINNER|INTERMEDIATE|ADVANCED)/);
    expect(out).toMatch(/Recorded — the answer is revealed at \d\d:\d\d CET\. Your streak: 1 day\./);
    expect(out).toContain("Today's daily question was already posted here");
    expect(out).toMatch(/Last post: .* at \d\d:\d\d CET \(revealed/);
    expect(out).toContain('"9am" is not a time. Use HH:MM');
  });

  it('refuses to start on a corrupted data file and leaves it as it was', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'backprop-store.json');
    writeFileSync(file, '{"version":1,"entries":{"half-written');
    const run = await runConsole('/streak\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The data file ${file} is corrupted`);
    expect(run.stdout).not.toContain('streak');
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"entries":{"half-written');
  });

  it('imports the JSON data file of earlier versions at the first start, and says so', async () => {
    const dataDir = tempDir();
    const file = writeLegacyFile(dataDir, { platform: 'console', id: 'local' }, Date.now(), ['local', 'bob']);
    const run = await runConsole('/stats\n/leaderboard period:all\n', { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Answered: 1 · Accuracy: 100%/);
    expect(run.stdout).toMatch(/🥇 Ann — 20 points/);
    expect(run.stderr).toContain(`Imported the old data file ${file} into ${join(dataDir, 'backprop.sqlite')} in one transaction`);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.imported`)).toBe(true);
  });

  it('refuses bad configuration with the variable named', async () => {
    const run = await runConsole('', { REDIS_URL: 'localhost:6379' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
  });

  withRedis((url) => {
    it('keeps the state across a restart with REDIS_URL set', async () => {
      const prefix = uniquePrefix();
      const env = { REDIS_URL: url, REDIS_PREFIX: prefix, DATA_DIR: tempDir() };
      const admin = new Redis(url);
      try {
        const first = await runConsole('/quiz\n2\n/team join Owls\n', env);
        expect(first.code).toBe(0);
        expectQuizSession(first.stdout);
        const second = await runConsole('/streak\n/leaderboard scope:teams\n', env);
        expect(second.stdout).toContain('🔥 1 day (best: 1 day)');
        expect(second.stdout).toContain('LEADERBOARD · TEAMS');
        expect(await admin.keys(`${prefix}*`)).not.toHaveLength(0);
      } finally {
        await deletePrefix(admin, prefix);
        await admin.quit();
      }
    });
  });
});
