import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { writeFixtureBank } from '../support/app.js';

// The authors' command as a person runs it: `npm run grade -- …` is `tsx scripts/grade.ts …`.
const dir = mkdtempSync(join(tmpdir(), 'bp-grade-'));
const bankDir = writeFixtureBank(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function grade(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, BANK_DIR: bankDir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run grade', () => {
  it('grades one answer from stdin and names covered, missed and misconceptions', () => {
    const r = grade(['fx-backprop'], 'It gets the gradient of the loss from finite differences, one weight at a time.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fx-backprop: \d+\/100 \(below the pass line\)/);
    expect(r.out).toContain('covered: Computes the gradient of the loss');
    expect(r.out).toContain('missed:  Uses the chain rule');
    expect(r.out).toContain('missed:  One backward pass');
    expect(r.out).toContain('misconception: "finite differences" — Backpropagation estimates gradients by finite differences.');
  });

  it('says which id is unknown, with exit code 2', () => {
    const r = grade(['no-such-id'], 'anything');
    expect(r.code).toBe(2);
    expect(r.out).toContain('unknown question id "no-such-id"');
  });

  it('--jsonl: one JSON line per input line; a bad line gives an error line and the rest go on', () => {
    const input = [
      JSON.stringify({ id: 'fx-backprop', answer: 'Apply the chain rule to get the derivative of the loss in one backward pass.' }),
      '{not json',
      JSON.stringify({ id: 'missing', answer: 'x' }),
      JSON.stringify({ id: 'fx-chain' }),
      JSON.stringify({ id: 'fx-chain', answer: 'It needs a backward pass per weight.' }),
    ].join('\n');
    const r = grade(['--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'score', 'pass', 'covered', 'missed', 'misconceptions']);
    expect(lines[0]).toMatchObject({ id: 'fx-backprop', pass: true, missed: [], misconceptions: [] });
    expect(lines[1]!.error).toMatch(/not valid JSON/);
    expect(lines[2]!.error).toMatch(/unknown question id "missing"/);
    expect(lines[3]!.error).toMatch(/both fields strings/);
    expect(lines[4]).toMatchObject({ id: 'fx-chain', pass: false, misconceptions: ['Backpropagation needs one backward pass per weight.'] });
  });
});
