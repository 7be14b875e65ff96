import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// The guard acts on process-wide events, so it runs in a child process of its own.
function runGuarded(body: string) {
  const script = `
    import { installProcessGuard } from './src/process-guard.ts';
    const logger = { info() {}, warn() {}, error: (msg, f) => console.log(JSON.stringify({ msg, kind: f.kind })) };
    installProcessGuard(logger, () => { console.log('fatal'); process.exit(1); }, { burst: 3, windowMs: 60_000 });
    ${body}
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, lines: r.stdout.trim().split('\n').filter(Boolean) };
}

describe('the process guard', () => {
  it('logs an error nothing caught and keeps serving', () => {
    const r = runGuarded(`
      setTimeout(() => { throw new Error('bad payload'); }, 0);
      setTimeout(() => Promise.reject(new Error('nobody awaited')), 5);
      setTimeout(() => console.log('still serving'), 50);
    `);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      JSON.stringify({ msg: 'unexpected error; still serving', kind: 'uncaughtException' }),
      JSON.stringify({ msg: 'unexpected error; still serving', kind: 'unhandledRejection' }),
      'still serving',
    ]);
  });

  it('stops the process when errors come in a burst', () => {
    const r = runGuarded(`
      for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('broken ' + i); }, i);
      setTimeout(() => console.log('should not get here'), 200);
    `);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe('fatal');
    expect(r.lines).not.toContain('should not get here');
  });
});
