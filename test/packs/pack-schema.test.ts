import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { parse, stringify } from 'yaml';
import { parsePack } from '../../src/core/packs/pack-schema.js';
import { PACK_LIMITS } from '../../src/core/packs/pack.js';
import { bankEntries, packJson, packYaml } from '../support/packs.js';

const problemsOf = async (source: string) => {
  const r = await parsePack(source);
  if (r.ok) throw new Error('expected the pack to be refused');
  return r.problems;
};

describe('parsePack', () => {
  it('accepts a pack of bank-format entries, namespacing ids as pack/id and filling a left-out hint', async () => {
    const r = await parsePack(packYaml());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [first, , last] = r.pack.questions;
    expect(r.pack).toMatchObject({ name: 'our-stack', version: '1.0', format: 'yaml' });
    expect(first).toMatchObject({ id: 'our-stack/deployment-challenges', topic: 'our-stack' });
    expect(last!.topic).toBe('deployment');
    expect(last!.hint).toBe(last!.keyPoints[0]!.point);
    expect(r.pack.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads JSON as well', async () => {
    const r = await parsePack(packJson());
    expect(r.ok && r.pack.format).toBe('json');
  });

  it('names a YAML error', async () => {
    expect((await problemsOf('name: x\nquestions: [unclosed'))[0]).toMatchObject({ field: '(file)', message: expect.stringContaining('not valid YAML') });
  });

  it('names the entry, the field and what is valid', async () => {
    const doc = parse(packYaml()) as { questions: Record<string, unknown>[] };
    doc.questions[1]!['difficulty'] = 'expert';
    doc.questions[2]!['surprise'] = true;
    const problems = await problemsOf(stringify(doc));
    expect(problems).toContainEqual({ entry: 'model-compression-approaches', field: 'difficulty', message: expect.stringContaining('beginner') });
    expect(problems).toContainEqual({ entry: 'knowledge-distillation', field: '(entry)', message: expect.stringContaining('surprise') });
  });

  it('refuses a topic that is neither the pack nor a bank topic, and a pack named like a bank topic', async () => {
    const doc = parse(packYaml()) as { questions: Record<string, unknown>[] };
    doc.questions[0]!['topic'] = 'astrology';
    expect(await problemsOf(stringify(doc))).toContainEqual({ entry: 'deployment-challenges', field: 'topic', message: expect.stringContaining('neither') });
    expect((await problemsOf(packYaml({ name: 'cnn' })))[0]).toMatchObject({ field: 'name' });
    expect((await problemsOf(packYaml({ name: 'Our Stack!' })))[0]).toMatchObject({ field: 'name', message: expect.stringContaining('slug') });
  });

  it('refuses duplicate ids', async () => {
    const [a] = bankEntries();
    expect(await problemsOf(packYaml({ entries: [a!, { ...a! }] }))).toContainEqual({ entry: 'deployment-challenges', field: 'id', message: expect.stringContaining('duplicate') });
  });

  it('applies the bank editorial checks', async () => {
    const [a] = bankEntries();
    const problems = await problemsOf(packYaml({ entries: [{ ...a!, misconceptions: [] }] }));
    expect(problems).toContainEqual({ entry: 'deployment-challenges', field: 'misconceptions', message: expect.stringContaining('at least 2') });
  });

  it('refuses more entries or bytes than the limits', async () => {
    const many = Array.from({ length: PACK_LIMITS.entries + 1 }, (_, i) => ({ id: `q-${i}` }));
    expect(await problemsOf(stringify({ name: 'big', version: 1, questions: many }))).toContainEqual({ field: 'questions', message: `at most ${PACK_LIMITS.entries} entries` });
    expect((await problemsOf(`# ${'x'.repeat(PACK_LIMITS.bytes)}\n${packYaml()}`))[0]).toMatchObject({ field: '(file)', message: expect.stringContaining('at most') });
  });

  it('warns, listing the entries, when a blind test-taker can pick the key by its style', async () => {
    const [a] = bankEntries();
    const choices = a!['choices'] as { correct: string; distractors: string[] };
    const telling = { ...a!, choices: { correct: `${choices.correct} because it usually helps`, distractors: choices.distractors } };
    const r = await parsePack(packYaml({ entries: [telling] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.pack.warnings).toContainEqual({ entry: 'deployment-challenges', field: 'choices', message: expect.stringContaining('blind candidate') });
  });

  it("imports the README's pack as written", async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Your own questions'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    const r = await parsePack(yaml!);
    expect(r.ok ? { name: r.pack.name, entries: r.pack.questions.length, warnings: r.pack.warnings } : r.problems).toEqual({ name: 'our-stack', entries: 1, warnings: [] });
  });
});
