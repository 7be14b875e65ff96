import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARIABLES, loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/paths.js';

/** No Docker daemon in CI: compose.yaml, the Dockerfile and .env.example are checked statically. */
const read = (f: string) => readFileSync(join(projectRoot, f), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval: string };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = read('Dockerfile');

describe('compose.yaml', () => {
  const { backprop, redis, 'discord-proxy': proxy } = compose.services;

  it('runs Backprop from the Dockerfile and Redis 7 with AOF (fsync every second) on a named volume', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backprop', 'discord-proxy', 'redis']);
    expect(backprop?.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(redis?.image).toMatch(/^redis:7(\.\d+)?-/);
    const cmd = redis?.command?.join(' ') ?? '';
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--appendfsync everysec');
    expect(redis?.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes)).toEqual(['redis-data']);
  });

  it('checks both services health, and starts Backprop once Redis is healthy, pointed at it', () => {
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(backprop?.healthcheck?.test.join(' ')).toContain('/readyz');
    expect(backprop?.depends_on).toEqual({ redis: { condition: 'service_healthy' }, 'discord-proxy': { condition: 'service_healthy' } });
    expect(backprop?.environment?.['REDIS_URL']).toBe('redis://redis:6379');
    expect(backprop?.env_file).toEqual([{ path: '.env', required: false }]);
    // The health check asks the port the process listens on.
    expect(backprop?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${backprop?.environment?.['PORT']}/`);
  });

  it("sends every Backprop process's Discord REST through one proxy, built from the same image", () => {
    expect(proxy?.build).toEqual(backprop?.build);
    expect(proxy?.image).toBe(backprop?.image);
    const entry = proxy?.command?.[1] ?? '';
    expect(proxy?.command).toEqual(['node', entry]);
    // The compiled entry is what tsc emits for the TypeScript one (rootDir ".", outDir dist).
    expect(entry).toBe('dist/src/discord-proxy.js');
    expect(existsSync(join(projectRoot, 'src/discord-proxy.ts'))).toBe(true);
    const port = proxy?.environment?.['DISCORD_PROXY_PORT'];
    expect(proxy?.environment?.['DISCORD_PROXY_HOST']).toBe('0.0.0.0');
    expect(backprop?.environment?.['DISCORD_API_BASE']).toBe(`http://discord-proxy:${port}/api`);
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_API_BASE: backprop?.environment?.['DISCORD_API_BASE'] }).discord?.apiBase).toBe(`http://discord-proxy:${port}/api`);
    expect(proxy?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${port}/healthz`);
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['discord:proxy']).toBe('tsx src/discord-proxy.ts');
  });
});

describe('.env.example', () => {
  const lines = read('.env.example').split('\n');
  const vars = lines.flatMap((l, i) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(l);
    return m ? [{ name: m[1]!, value: m[2]!, comment: lines[i - 1] ?? '' }] : [];
  });

  it('lists every variable Backprop reads, each under a comment', () => {
    expect(vars.map((v) => v.name).sort()).toEqual([...ENV_VARIABLES].sort());
    for (const v of vars) expect(v.comment, v.name).toMatch(/^# \S/);
  });

  it('is a valid configuration as it stands (empty means unset): the console on the embedded store', () => {
    const config = loadConfig(Object.fromEntries(vars.map((v) => [v.name, v.value])));
    expect(config.console).toBe(true);
    expect(config.redis).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('uses a supported Node LTS in both stages (the addon is compiled for the runtime base)', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+) AS (\w+)/gm)].map((m) => [m[2], m[1]]);
    expect(bases).toEqual([['build', 'node:22-bookworm-slim'], ['runtime', 'node:22-bookworm-slim']]);
  });

  it('copies only paths that exist and that .dockerignore keeps', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter(Boolean);
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
    expect(sources.length).toBeGreaterThan(5);
    for (const src of sources) {
      expect(existsSync(join(projectRoot, src)), src).toBe(true);
      expect(ignored.some((i) => src === i || src.startsWith(`${i}/`)), `${src} is in .dockerignore`).toBe(false);
    }
  });

  it('builds the entry file it runs', () => {
    const cmd = /^CMD \["node", "([^"]+)"\]/m.exec(dockerfile)?.[1];
    expect(cmd).toBe('dist/src/main.js');
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const base = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    // dist/src/main.js is what tsc emits for src/main.ts with outDir dist and rootDir ".".
    expect(join(base.compilerOptions.outDir, 'src/main.js')).toBe(cmd);
    expect(base.compilerOptions.rootDir).toBe('.');
    expect(build.include).toContain('src');
    expect(existsSync(join(projectRoot, 'src/main.ts'))).toBe(true);
    expect(dockerfile.indexOf('RUN npm run build')).toBeGreaterThan(dockerfile.indexOf('COPY src ./src'));
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['build']).toMatch(/(^| && )tsc -p tsconfig\.build\.json( |$)/);
    // The scripts the build runs are in the build stage when it runs.
    expect(dockerfile.indexOf('RUN npm run build')).toBeGreaterThan(dockerfile.indexOf('COPY scripts ./scripts'));
  });
});
