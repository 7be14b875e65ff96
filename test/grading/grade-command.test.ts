import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { writeFixtureBank } from '../support/app.js';
import { FIXTURE_MODEL_ANSWER } from '../support/builders.js';
import { FakeOpenAi } from '../support/fake-openai/fake-openai.js';
import { FIXTURE_JUDGEMENT } from '../support/fake-openai/ai-app.js';

// The authors' command as a person runs it: `npm run grade -- …` is `tsx scripts/grade.ts …`.
const dir = mkdtempSync(join(tmpdir(), 'bp-grade-'));
const bankDir = writeFixtureBank(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function grade(args: string[], input: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, BANK_DIR: bankDir, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking the event loop (the fake endpoint runs in this process). */
function gradeAsync(args: string[], input: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], { cwd: projectRoot, env: { ...process.env, BANK_DIR: bankDir, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe('npm run grade', () => {
  it('grades one answer from stdin and names covered, missed and misconceptions', () => {
    const r = grade(['fx-backprop'], 'It gets the gradient of the loss from finite differences, one weight at a time.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fx-backprop: \d+\/100 \(below the pass line; graded by the rubric\)/);
    expect(r.out).toContain('covered: Computes the gradient of the loss'); // stated once, in a short answer
    expect(r.out).toContain('missed:  Uses the chain rule');
    expect(r.out).toContain('missed:  One backward pass');
    expect(r.out).toContain('misconception: "finite differences" — Backpropagation estimates gradients by finite differences.');
  });

  it('says which id is unknown, with exit code 2', () => {
    const r = grade(['no-such-id'], 'anything');
    expect(r.code).toBe(2);
    expect(r.out).toContain('unknown question id "no-such-id"');
  });

  it('names a claim said of the wrong side of a comparison, in the shipped bank (--jsonl and for a person)', () => {
    const env = { BANK_DIR: join(projectRoot, 'data') };
    const answer = 'LayerNorm needs running statistics and struggles with small batches, and BatchNorm is the standard in transformers.';
    const line = JSON.parse(grade(['--jsonl'], JSON.stringify({ id: 'batchnorm-vs-layernorm', answer }), env).out) as { swapped?: string[] };
    expect(line.swapped).toEqual(expect.arrayContaining(['BatchNorm needs running statistics and struggles with small batches.', 'LayerNorm is the standard in transformers and sequence models.']));
    const text = grade(['batchnorm-vs-layernorm'], answer, env).out;
    expect(text).toContain('said of the wrong one: "BatchNorm is the standard in transformers" — holds for LayerNorm, not BatchNorm');
    expect(text).not.toMatch(/covered: .*(running statistics|transformers)/);
  });

  it('--jsonl: one JSON line per input line; a bad line gives an error line and the rest go on', () => {
    const input = [
      JSON.stringify({ id: 'fx-backprop', answer: FIXTURE_MODEL_ANSWER }),
      '{not json',
      JSON.stringify({ id: 'missing', answer: 'x' }),
      JSON.stringify({ id: 'fx-chain' }),
      JSON.stringify({ id: 'fx-chain', answer: 'It needs a backward pass per weight.' }),
    ].join('\n');
    const r = grade(['--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(Object.keys(lines[0]!)).toEqual(['id', 'score', 'pass', 'covered', 'missed', 'misconceptions', 'gradedBy']);
    expect(lines[0]).toMatchObject({ id: 'fx-backprop', pass: true, missed: [], misconceptions: [] });
    expect(lines[1]!.error).toMatch(/not valid JSON/);
    expect(lines[2]!.error).toMatch(/unknown question id "missing"/);
    expect(lines[3]!.error).toMatch(/both fields strings/);
    expect(lines[4]).toMatchObject({ id: 'fx-chain', pass: false, misconceptions: ['Backpropagation needs one backward pass per weight.'] });
  });
});

describe('npm run grade with GRADER=ai', () => {
  it('grades with the configured AI endpoint: verified points, feedback, and which grader graded', async () => {
    const ai = await FakeOpenAi.start();
    try {
      ai.reply({ content: FIXTURE_JUDGEMENT }, { content: FIXTURE_JUDGEMENT });
      const env = { GRADER: 'ai', AI_BASE_URL: ai.baseUrl, AI_MODEL: 'test-model' };
      const answer = 'It applies the chain rule to get the gradient of the loss for every weight in one backward pass.';
      const r = await gradeAsync(['fx-backprop'], answer, env);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^fx-backprop: 83\/100 \(pass; graded by AI\)/);
      expect(r.out).toContain('partly:  Computes the gradient of the loss');
      expect(r.out).toContain('feedback: Correct and concise.');
      const line = await gradeAsync(['--jsonl'], JSON.stringify({ id: 'fx-backprop', answer }), env);
      expect(JSON.parse(line.out)).toMatchObject({ id: 'fx-backprop', score: 83, gradedBy: 'ai', partial: ['Computes the gradient of the loss'] });
      expect(ai.completions).toHaveLength(2);
    } finally {
      await ai.stop();
    }
  });

  it('an unusable endpoint: the rubric grades and stderr says what to fix', async () => {
    const ai = await FakeOpenAi.start({ apiKey: 'sk-right' });
    try {
      const r = await gradeAsync(['fx-backprop'], 'chain rule', { GRADER: 'ai', AI_BASE_URL: ai.baseUrl, AI_MODEL: 'test-model', AI_API_KEY: 'sk-wrong' });
      expect(r.code).toBe(0);
      expect(r.out).toContain('graded by the rubric');
      expect(r.err).toContain('rejected the API key (401); check AI_API_KEY');
    } finally {
      await ai.stop();
    }
  });
});
