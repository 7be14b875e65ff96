import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { AppError } from '../../../src/core/errors.js';
import { projectRoot } from '../../../src/paths.js';
import { makeTestApp, writeFixtureBank } from '../../support/app.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { deploy, expectDiscordRulesKept, recordingLogger, startBot } from './harness.js';
import { FIXTURE_CORRECT, optionLabel, text } from './flow-helpers.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => fake?.stop());
afterEach(() => expectDiscordRulesKept(fake));

const puts = () => fake.rest.requests.filter((r) => r.method === 'PUT');
const snapshot = (scope: string) => (fake.state.commands.get(scope) ?? []).map((c) => ({ id: c.id, version: c.version, name: c.name }));

describe('before any deploy', () => {
  it('starts, and warns in its log that the slash commands are not registered', async () => {
    const logger = recordingLogger();
    const bot = await startBot(fake, await makeTestApp(), { logger });
    try {
      await vi.waitFor(() => expect(logger.lines.find((l) => l.msg.includes('npm run discord:deploy'))?.data?.['missing']).toContain('quiz'));
    } finally {
      await bot.stop();
    }
  });
});

describe('deploying commands', () => {
  it('registers every command with one bulk overwrite; running it again changes nothing', async () => {
    const app = await makeTestApp();
    const first = await deploy(fake, app);
    expect(first.appId).toBe(fake.applicationId);
    expect(first.scope).toBe('global');
    const after1 = snapshot('global');
    expect(after1.map((c) => c.name)).toEqual(app.registry.commands.map((c) => c.name));

    await deploy(fake, app);
    expect(snapshot('global')).toEqual(after1);
    expect(puts().map((r) => r.path)).toEqual([`/applications/${fake.applicationId}/commands`, `/applications/${fake.applicationId}/commands`]);
    expect(puts().every((r) => r.authorized && Array.isArray(r.body) && r.body.length === app.registry.commands.length)).toBe(true);
    // The application id came from the token's application, asked once per run.
    expect(fake.rest.requests.filter((r) => r.path === '/applications/@me')).toHaveLength(2);
  });

  it('registers to one server with DISCORD_GUILD_ID', async () => {
    const app = await makeTestApp();
    const result = await deploy(fake, app, fake.guildId);
    expect(result.scope).toEqual({ guildId: fake.guildId });
    expect(snapshot(fake.guildId)).toHaveLength(app.registry.commands.length);
    expect(puts().at(-1)!.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    fake.state.commands.delete(fake.guildId);
  });
});

describe('a wrong token', () => {
  it('fails to start with a message naming DISCORD_TOKEN', async () => {
    const app = await makeTestApp();
    const started = createDiscordAdapter({ token: 'not-the-token', apiBase: fake.apiBase }, app, { logger: recordingLogger() }).start();
    await expect(started).rejects.toThrow(AppError);
    await expect(started).rejects.toThrow(/DISCORD_TOKEN/);
  });
});

/** Runs a TypeScript entry point the way the npm scripts do (tsx), with only the given environment. */
function run(script: string, env: Record<string, string>): ChildProcess & { output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, { output: () => out, exited });
}

describe('from the README: npm run discord:deploy, then npm start', () => {
  let dir: string;
  let env: Record<string, string>;
  let main: ReturnType<typeof run> | undefined;

  beforeAll(async () => {
    // A bank of its own (the fixture questions as YAML), so the test does not depend on data/.
    dir = await mkdtemp(join(tmpdir(), 'backprop-discord-main-'));
    writeFixtureBank(join(dir, 'bank'));
    env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiBase,
      BANK_DIR: join(dir, 'bank'),
      DATA_DIR: join(dir, 'data'),
      PORT: '0',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    main?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('deploys twice without changes, starts on Discord, serves a quiz and stops cleanly', async () => {
    for (let i = 0; i < 2; i++) {
      const deployRun = run('scripts/discord-deploy.ts', env);
      expect(await deployRun.exited, deployRun.output()).toBe(0);
      expect(deployRun.output()).toMatch(/^Registered \d+ commands globally for application \d+: \/quiz, \/practice, \/review, \/interview, \/remind, \/leaderboard/m);
    }
    const versions = snapshot('global');
    expect(versions.length).toBeGreaterThan(0);

    const identifiesBefore = fake.gateway.identifies.length;
    main = run('src/main.ts', env);
    await fake.gateway.waitUntilConnected(20_000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${main?.output()}`);
    });
    expect(fake.gateway.identifies.length).toBe(identifiesBefore + 1);
    expect(fake.gateway.identifies.at(-1)!.intents).toBe(1);

    const alice = fake.member('Alice');
    const card = await fake.slash(alice, 'quiz', { options: { topic: 'cnn' } }).response(15_000);
    const answered = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    expect(text(answered.message)).toContain('Correct! **+20 points**');
    expect(text((await fake.slash(alice, 'leaderboard').response()).message)).toContain('Alice — 20 points');

    main.kill('SIGTERM');
    expect(await main.exited, main.output()).toBe(0);
    // Closing the gateway on purpose is no reconnect: nothing in the log says so.
    expect(main.output()).toContain('stopped');
    expect(main.output()).not.toMatch(/reconnect/i);
    expect(snapshot('global')).toEqual(versions);
  }, 60_000);

  it('refuses to deploy without DISCORD_TOKEN, saying what to set', async () => {
    const r = run('scripts/discord-deploy.ts', { DISCORD_API_BASE: fake.apiBase });
    expect(await r.exited).toBe(1);
    expect(r.output()).toContain('DISCORD_TOKEN is required');
  });
});
