import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * A real Redis Cluster for the cluster suites: TEST_REDIS_CLUSTER_NODES (host:port,… — .ci/run
 * starts one and sets it), else three masters started here (redis-server --cluster-enabled yes on
 * free ports, joined with redis-cli --cluster create). With neither, the cluster suites skip
 * loudly, or fail when CI=true.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    redisClusterNodes: string | null;
  }
}


const cli = (port: number, ...args: string[]) => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });

async function until(what: string, check: () => boolean, children: ChildProcess[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`a cluster redis-server exited with ${dead.exitCode}`);
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Redis Cluster: timed out waiting for ${what}`);
}

const children: ChildProcess[] = [];
let dir: string | undefined;

/** Starts three masters covering all 16384 slots; returns "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3". */
export async function startCluster(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'backprop-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) {
    // Two distinct free ports per node: clients, and the cluster bus (by default port + 10000, maybe taken).
    const [port, bus] = [await freePort(), await freePort()];
    ports.push(port);
    const nodeDir = join(dir, String(port));
    spawnSync('mkdir', ['-p', nodeDir]);
    children.push(
      spawn('redis-server', ['--port', String(port), '--cluster-port', String(bus), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', nodeDir], { stdio: 'ignore' }),
    );
  }
  await until('PING', () => ports.every((p) => cli(p, 'ping').stdout.trim() === 'PONG'), children);
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
  await until('cluster_state:ok on every node', () => ports.every((p) => cli(p, 'cluster', 'info').stdout.includes('cluster_state:ok')), children);
  return ports.map((p) => `127.0.0.1:${p}`).join(',');
}

export async function setup(project: TestProject): Promise<void> {
  const given = process.env['TEST_REDIS_CLUSTER_NODES'];
  if (given) return project.provide('redisClusterNodes', given);
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    process.stderr.write('\n*** No TEST_REDIS_CLUSTER_NODES and no redis-server on PATH: the Redis Cluster suites will be SKIPPED. ***\n\n');
    return project.provide('redisClusterNodes', null);
  }
  project.provide('redisClusterNodes', await startCluster());
}

export async function teardown(): Promise<void> {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r))));
  if (dir) rmSync(dir, { recursive: true, force: true });
}
