import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../src/paths.js';

type Entry = Record<string, unknown>;

/** Real entries of the bank (they pass its editorial checks), as a pack author would copy them. */
export function bankEntries(file = 'deployment', n = 3): Entry[] {
  const all = parse(readFileSync(join(projectRoot, 'data', 'questions', `${file}.yaml`), 'utf8')) as Entry[];
  return all.slice(0, n).map(({ covers: _covers, ...e }) => e);
}

/** A valid pack's YAML: real entries, the first under the pack's own topic, the last without a hint. */
export function packYaml(opts: { name?: string; version?: string | number; entries?: Entry[]; idPrefix?: string } = {}): string {
  const name = opts.name ?? 'our-stack';
  const entries = (opts.entries ?? bankEntries()).map((e, i, all) => {
    const out: Entry = { ...e, id: `${opts.idPrefix ?? ''}${String(e['id'])}` };
    if (i === 0) out['topic'] = name;
    if (i === all.length - 1 && all.length > 1) delete out['hint'];
    return out;
  });
  return stringify({ name, version: opts.version ?? '1.0', questions: entries });
}

export const packJson = (opts: Parameters<typeof packYaml>[0] = {}) => JSON.stringify(parse(packYaml(opts)));
