import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { childLogger } from '../../src/core/logging.js';
import { createLogger, defaultLogFormat, maskSecretsInText, type LogLevel } from '../../src/logger.js';
import { makeTestApp } from '../support/app.js';

/** A pino logger writing into an array of parsed JSON lines. */
function capture(level: LogLevel = 'debug', redact: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level, redact, destination }) };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('the pino logger behind the Logger port', () => {
  it('writes one JSON object per line with level, time, msg and the data', async () => {
    const { lines, logger } = capture('info');
    logger.info('Connected to Discord', { guilds: 3 });
    logger.debug('not at info');
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'Connected to Discord', guilds: 3 });
    expect(typeof lines[0]!['time']).toBe('string');
  });

  it('redacts tokens, secrets and passwords by path, at the top and one level down', async () => {
    const { lines, logger } = capture('info', ['user.email']);
    logger.warn('config', {
      token: 'MTIz.abc.def',
      slack: { signingSecret: 's3cr3t', botToken: 'xoxb-1-2', port: 3000 },
      authorization: 'Bot abc',
      user: { email: 'a@b.c', id: 'U1' },
    });
    await flush();
    const line = JSON.stringify(lines[0]);
    for (const secret of ['MTIz.abc.def', 's3cr3t', 'xoxb-1-2', 'Bot abc', 'a@b.c']) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ token: '[Redacted]', slack: { signingSecret: '[Redacted]', botToken: '[Redacted]', port: 3000 }, user: { email: '[Redacted]', id: 'U1' } });
  });

  it('masks URL passwords and token-shaped words anywhere in messages and values', async () => {
    const { lines, logger } = capture('info');
    logger.error('could not connect to redis://default:hunter2@redis:6379', { error: 'AUTH failed for rediss://:pw@10.0.0.1:6380/0', note: 'token xoxb-123456789-abcdefgh leaked' });
    await flush();
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain(':pw@');
    expect(line).not.toContain('xoxb-123456789');
    expect(lines[0]!['msg']).toBe('could not connect to redis://default:[Redacted]@redis:6379');
    expect(maskSecretsInText('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('gives each interaction a child logger carrying platform, community, command and interaction id', async () => {
    const { lines, logger } = capture('debug');
    const app = await makeTestApp({ logger });
    const ctx = {
      core: app.core,
      user: { community: { platform: 'discord', id: 'G1' }, userId: 'U1', displayName: 'Ada' },
      isAdmin: false,
      canShare: true,
      invocation: (c: string) => `/${c}`,
      commands: app.registry.commands,
      interactionId: 'I-42',
    };
    await app.registry.runCommand(ctx, 'quiz', { options: {} });
    await flush();
    expect(lines.find((l) => l['msg'] === 'interaction handled')).toMatchObject({ platform: 'discord', community: 'G1', command: 'quiz', interactionId: 'I-42', outcome: 'ok' });
    // A logger without children (the port's minimum) still gets the bindings on each line.
    const seen: Record<string, unknown>[] = [];
    childLogger({ info: (_m, d) => seen.push(d ?? {}), warn() {}, error() {} }, { interactionId: 'x' }).info('hi', { a: 1 });
    expect(seen).toEqual([{ interactionId: 'x', a: 1 }]);
  });

  it('is pretty at a terminal or with LOG_FORMAT=pretty, JSON otherwise', () => {
    expect(defaultLogFormat({}, true)).toBe('pretty');
    expect(defaultLogFormat({}, false)).toBe('json');
    expect(defaultLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(defaultLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
  });
});

describe('the process logs', () => {
  const run = (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backprop-log-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      input: '/help\n',
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', REDIS_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...env },
    });
    rmSync(dataDir, { recursive: true, force: true });
    return r.stderr;
  };

  it('are JSON lines on stderr when not at a terminal, and pino-pretty with LOG_FORMAT=pretty', () => {
    const json = run({ LOG_FORMAT: '' }).trim().split('\n').filter(Boolean);
    expect(json.length).toBeGreaterThan(0);
    for (const line of json) expect(JSON.parse(line)).toHaveProperty('level');
    const pretty = run({ LOG_FORMAT: 'pretty' });
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: /m);
    expect(() => JSON.parse(pretty.split('\n')[0]!) as unknown).toThrow();
  });
});
