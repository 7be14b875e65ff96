import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiscordAdapter } from '../../src/adapters/discord/index.js';
import type { App } from '../../src/bootstrap.js';
import { healthRoutes, startHealthServer } from '../../src/http/health.js';
import { metricsRoute } from '../../src/http/metrics-route.js';
import type { Service } from '../../src/service.js';
import { makeTestApp, writeFixtureBank } from '../support/app.js';
import { FixedClock } from '../support/builders.js';
import type { FakeDiscord } from '../support/fake-discord/index.js';
import { optionLabel, wrongLabel } from '../e2e/discord/flow-helpers.js';
import { useBotWorld } from '../e2e/discord/harness.js';
import { sample, scrape } from './scrape.js';

/** The real discord.js client against the fake Discord, with /metrics served the way main.ts serves it. */
const clock = new FixedClock(Date.parse('2026-11-23T07:00:00Z'));
const world = useBotWorld(() => makeTestApp({ clock }));
let fake: FakeDiscord;
let app: App;
let bot: DiscordAdapter;
let health: Service & { port: number };

beforeAll(async () => {
  ({ fake, app, bot } = world);
  health = await startHealthServer(0, [...healthRoutes(app.store), metricsRoute(app.metrics)], '127.0.0.1');
});
afterAll(async () => health?.stop());

describe('GET /metrics', () => {
  it('counts interactions by platform, command and outcome, and times the first and final response', async () => {
    const before = await scrape(health.port);
    const alice = fake.member('Alice');
    await fake.slash(alice, 'help').response();
    await fake.slash(alice, 'daily', { subcommand: 'status' }).response();
    const after = await scrape(health.port);
    expect(sample(after, 'backprop_interactions_total', { platform: 'discord', command: 'help', outcome: 'ok' }) - sample(before, 'backprop_interactions_total', { platform: 'discord', command: 'help', outcome: 'ok' })).toBe(1);
    // Not an admin: refused as a user error.
    expect(sample(after, 'backprop_interactions_total', { command: 'daily', outcome: 'user_error' })).toBe(1);
    expect(sample(after, 'backprop_interaction_response_seconds_count', { platform: 'discord', phase: 'first' })).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'backprop_interaction_response_seconds_count', { platform: 'discord', phase: 'final' })).toBeGreaterThanOrEqual(2);
    expect(after).toMatch(/^# TYPE backprop_interaction_response_seconds histogram$/m);
  });

  it('counts answers by mode and verdict, and times store operations by store', async () => {
    const bo = fake.member('Bo');
    const card = await fake.slash(bo, 'quiz', { options: { topic: 'cnn' } }).response();
    await fake.click(bo, card.message, wrongLabel(card.message)).response();
    const again = await fake.slash(bo, 'quiz', { options: { topic: 'fundamentals' } }).response();
    await fake.click(bo, again.message, optionLabel(again.message, 'The chain rule, backwards')).response();
    const m = await scrape(health.port);
    expect(sample(m, 'backprop_answers_total', { mode: 'choice', verdict: 'incorrect' })).toBe(1);
    expect(sample(m, 'backprop_answers_total', { mode: 'choice', verdict: 'correct' })).toBe(1);
    expect(sample(m, 'backprop_store_operation_seconds_count', { store: 'memory', operation: 'recordAnswer' })).toBe(2);
    expect(sample(m, 'backprop_store_operation_seconds_count', { store: 'memory', operation: 'saveDelivery' })).toBe(2);
    // The clicks found their deliveries in the process's cache: no store read.
    expect(sample(m, 'backprop_store_operation_seconds_count', { store: 'memory', operation: 'getDelivery' })).toBe(0);
    expect(sample(m, 'backprop_store_errors_total')).toBe(0);
    expect(sample(m, 'backprop_platform_api_requests_total', { platform: 'discord', status: '2xx' })).toBeGreaterThan(0);
  });

  it('counts Discord 429s and the time spent waiting on them', async () => {
    const gus = fake.member('Gus');
    const card = await fake.slash(gus, 'quiz', { options: { topic: 'cnn', share: true } }).response();
    const before = await scrape(health.port);
    fake.rest.fail({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 0.3 });
    await fake.click(fake.member('Hana'), card.message, wrongLabel(card.message)).response();
    const after = await scrape(health.port);
    expect(sample(after, 'backprop_platform_api_rate_limited_total', { platform: 'discord' }) - sample(before, 'backprop_platform_api_rate_limited_total', { platform: 'discord' })).toBe(1);
    expect(sample(after, 'backprop_platform_rate_limit_wait_seconds_total', { platform: 'discord' })).toBeGreaterThanOrEqual(0.2);
  });

  it('counts daily posts with the scheduler lag, and reveals', async () => {
    const admin = fake.member('Ada', { admin: true });
    await fake.slash(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'Europe/Berlin', reveal_hours: 8 } }).response();
    const posters = new Map([['discord', bot.poster]]);
    clock.set('2026-11-23T08:00:30Z'); // due at 08:00:00 UTC, posted 30 s late
    expect(await app.core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
    clock.set('2026-11-23T16:00:10Z');
    expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 1 });
    const m = await scrape(health.port);
    expect(sample(m, 'backprop_daily_posts_total')).toBe(1);
    expect(sample(m, 'backprop_daily_reveals_total')).toBe(1);
    expect(sample(m, 'backprop_scheduler_lag_seconds_sum')).toBeCloseTo(30, 0);
    expect(sample(m, 'backprop_scheduler_lag_seconds_bucket', { le: '15' })).toBe(0);
    expect(sample(m, 'backprop_scheduler_lag_seconds_bucket', { le: '60' })).toBe(1);
    expect(sample(m, 'backprop_daily_claim_takeovers_total')).toBe(0);
  });

  it('counts interview answers as answers of mode "interview", a double submit as a duplicate', async () => {
    const ida = fake.member('Ida');
    const card = await fake.slash(ida, 'interview', { subcommand: 'start', options: { length: 3 } }).response();
    const form = await fake.click(ida, card.message, 'Answer').response();
    await fake.submitModal(ida, form, 'It applies the chain rule backwards through the network.').response();
    await fake.submitModal(ida, form, 'It applies the chain rule backwards through the network.').response();
    const m = await scrape(health.port);
    const graded = sample(m, 'backprop_answers_total', { mode: 'interview', verdict: 'correct' }) + sample(m, 'backprop_answers_total', { mode: 'interview', verdict: 'incorrect' });
    expect(graded).toBe(1);
    expect(sample(m, 'backprop_answers_total', { mode: 'interview', verdict: 'duplicate' })).toBe(1);
  });

  it('counts practice reminders by outcome: skipped when too late, sent when reviews are due', async () => {
    const rae = fake.member('Rae');
    const quiz = await fake.slash(rae, 'quiz', { options: { topic: 'cnn' } }).response();
    await fake.click(rae, quiz.message, wrongLabel(quiz.message)).response(); // a card to review
    await fake.slash(rae, 'remind', { subcommand: 'on', options: { time: '06:30' } }).response();
    const posters = new Map([['discord', bot.poster]]);
    clock.set('2026-12-20T06:30:00Z'); // weeks after the first reminder time: too late, skipped
    expect(await app.core.reminders.runDue(posters)).toEqual({ sent: 0, skipped: 1 });
    clock.set('2026-12-21T06:30:05Z');
    expect(await app.core.reminders.runDue(posters)).toEqual({ sent: 1, skipped: 0 });
    const m = await scrape(health.port);
    expect(sample(m, 'backprop_reminders_total', { outcome: 'skipped' })).toBe(1);
    expect(sample(m, 'backprop_reminders_total', { outcome: 'sent' })).toBe(1);
    expect(sample(m, 'backprop_reminders_total', { outcome: 'failed' })).toBe(0);
  });
});

describe('npm start on Discord', () => {
  it('serves /metrics with the process metrics on the health port it logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-metrics-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '', DISCORD_TOKEN: fake.token, DISCORD_API_BASE: fake.apiBase, BANK_DIR: writeFixtureBank(join(dir, 'bank')), DATA_DIR: join(dir, 'data'), PORT: '0', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const port = await vi.waitFor(() => {
        const line = log.split('\n').find((l) => l.includes('/metrics'));
        if (!line) throw new Error(`no health port logged yet:\n${log}`);
        return (JSON.parse(line) as { port: number }).port;
      }, { timeout: 20_000, interval: 100 });
      await fake.gateway.waitUntilConnected(20_000);
      await fake.slash(fake.member('Cy'), 'help').response(15_000);
      const m = await scrape(port);
      expect(sample(m, 'backprop_process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(sample(m, 'backprop_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(m, 'backprop_store_operation_seconds_count', { store: 'sqlite' })).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
