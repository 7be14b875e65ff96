import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/paths.js';
import { writeFixtureBank } from '../../support/app.js';
import { FakeSlack } from '../../support/fake-slack/fake-slack.js';
import { SlackMember } from '../../support/fake-slack/member.js';
import { HttpTransport } from '../../support/fake-slack/transport.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, TEAM } from './harness.js';

/** `npm start` as a user runs it: env vars in, the Slack adapter up on PORT, SIGTERM to stop. */

interface Bot {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A bank directory holding the fixture questions, so the test does not depend on data/. */
function fixtureBankDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-slack-bank-'));
  dirs.push(dir);
  return writeFixtureBank(dir);
}

function startBot(env: Record<string, string>): Bot {
  const dataDir = mkdtempSync(join(tmpdir(), 'backprop-slack-data-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: dataDir, BANK_DIR: fixtureBankDir(), PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

/** The port from the adapter's startup log line. */
async function portOf(bot: Bot, fake: FakeSlack, msg: string, key: string): Promise<number> {
  return fake.waitFor(
    () => {
      const line = bot.stderr().split('\n').find((l) => l.includes(msg));
      return line ? Number((JSON.parse(line) as Record<string, unknown>)[key]) : undefined;
    },
    `"${msg}" in the log (stderr so far: ${bot.stderr().slice(0, 500)})`,
    20_000,
  );
}

describe('npm start with Slack variables', () => {
  let fake: FakeSlack;
  let bot: Bot | undefined;
  beforeAll(async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, teamId: TEAM });
  });
  afterEach(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    }
    bot = undefined;
  });
  afterAll(async () => fake.close());

  const base = () => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl });

  it('HTTP mode: Bolt and the health routes share PORT; a member runs a quiz', async () => {
    bot = startBot(base());
    const port = await portOf(bot, fake, 'Slack adapter listening (HTTP)', 'port');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const member = new SlackMember(fake, new HttpTransport(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET), { teamId: TEAM, userId: 'UMAIN' });
    const card = await member.run('quiz cnn');
    expect(card.text).toContain('What does max pooling do to a feature map?');
    const result = await member.press(card, '1');
    expect(result.text).toMatch(/Correct!|Not quite/);
    expect((await member.run('streak')).text).toContain('*1 day*');
  });

  it('Socket Mode with SLACK_APP_TOKEN: no public URL, health on PORT', async () => {
    const before = fake.callsTo('apps.connections.open').length;
    bot = startBot({ ...base(), SLACK_APP_TOKEN: APP_TOKEN });
    const port = await portOf(bot, fake, 'Slack adapter connected in Socket Mode', 'healthPort');
    expect(fake.callsTo('apps.connections.open')).toHaveLength(before + 1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('a rejected bot token stops the start with a clear message', async () => {
    bot = startBot({ ...base(), SLACK_BOT_TOKEN: 'xoxb-revoked' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
  });
});
