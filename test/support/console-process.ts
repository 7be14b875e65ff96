import { spawn } from 'node:child_process';
import { projectRoot } from '../../src/paths.js';

export interface ConsoleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bot as `npm start` does (scripts/start.mjs: the compiled build when dist/ is current,
 * else the sources through tsx; the console, with no platform tokens), feeds it `input` on stdin
 * and collects what it prints. stderr ends with a line saying whether any platform SDK was
 * loaded (report-loaded.mjs), which the console tests check.
 */
export function runConsole(input: string, env: Record<string, string>): Promise<ConsoleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './test/support/report-loaded.mjs', 'scripts/start.mjs'], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
