import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createRest, deployCommands } from '../../src/adapters/discord/deploy.js';
import { projectRoot } from '../../src/paths.js';
import { writeFixtureBank } from '../support/app.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { FakeSlack } from '../support/fake-slack/fake-slack.js';
import { SlackMember } from '../support/fake-slack/member.js';
import { HttpTransport } from '../support/fake-slack/transport.js';
import { text } from './discord/flow-helpers.js';

/** `npm start` with Discord and Slack configured at once: one process serves both, one store. */
const SLACK = { token: 'xoxb-both', secret: 'both-secret', team: 'T0BOTH' };
let discord: FakeDiscord;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  slack = await FakeSlack.start({ botToken: SLACK.token, teamId: SLACK.team });
  dir = mkdtempSync(join(tmpdir(), 'backprop-both-'));
  writeFixtureBank(join(dir, 'bank'));
  await deployCommands({ rest: createRest({ token: discord.token, apiBase: discord.apiBase }), commands });
});
afterAll(async () => {
  await discord?.stop();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves Discord and Slack from one process, keeping each community apart', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      SLACK_BOT_TOKEN: SLACK.token,
      SLACK_SIGNING_SECRET: SLACK.secret,
      SLACK_API_URL: slack.apiUrl,
      BANK_DIR: join(dir, 'bank'),
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await discord.gateway.waitUntilConnected(20_000);
    const port = await slack.waitFor(() => {
      const line = log.split('\n').find((l) => l.includes('Slack adapter listening (HTTP)'));
      return line ? Number((JSON.parse(line) as { port: number }).port) : undefined;
    }, 'the Slack adapter to listen', 20_000);

    const alice = discord.member('Alice');
    const card = await discord.slash(alice, 'quiz', { options: { topic: 'cnn' } }).response(15_000);
    await discord.click(alice, card.message, '1').response();
    expect(text((await discord.slash(alice, 'streak').response()).message)).toContain('1 day');

    const member = new SlackMember(slack, new HttpTransport(`http://127.0.0.1:${port}/slack/events`, SLACK.secret), { teamId: SLACK.team, userId: 'USLACK' });
    const slackCard = await member.run('quiz cnn');
    await member.press(slackCard, '1');
    expect((await member.run('streak')).text).toContain('*1 day*');
    // The Discord member is not on the Slack workspace's board, and the other way round.
    expect((await member.run('leaderboard')).text).not.toContain('Alice');
    expect(text((await discord.slash(alice, 'leaderboard').response()).message)).not.toContain('USLACK');
  } finally {
    child.kill('SIGTERM');
    expect(await exited, log).toBe(0);
  }
}, 60_000);
