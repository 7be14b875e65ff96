import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Finds the Redis the contract suites run against: REDIS_URL if set, else a redis-server started
 * here on a free port. With neither, Redis suites skip loudly, or fail when CI=true.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | null;
  }
}


async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (r.stdout?.trim() === 'PONG') return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('redis-server did not answer PING');
}

let child: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (process.env['REDIS_URL']) {
    project.provide('redisUrl', process.env['REDIS_URL']);
    return;
  }
  const hasBinary = spawnSync('redis-server', ['--version']).status === 0;
  if (!hasBinary) {
    process.stderr.write('\n*** No REDIS_URL and no redis-server on PATH: the Redis suites will be SKIPPED. ***\n\n');
    project.provide('redisUrl', null);
    return;
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'backprop-redis-'));
  child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForPing(port, child);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
}
