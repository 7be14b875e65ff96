import { createHash } from 'node:crypto';
import { z } from 'zod';
import { questionShape, refineEntry, TOPIC_IDS, type Question } from '../bank/schema.js';
import { bankContext, entryProblems } from '../bank/editorial.js';
import { blindTestTaker, MAX_BLIND_SCORE, styleTells } from '../bank/blind-test-taker.js';
import { PACK_ENTRY_ID_MAX, PACK_LIMITS, PACK_NAME, PACK_NAME_MAX, packQuestionId, type PackFormat } from './pack.js';

/**
 * A pack file: `name`, `version` and `questions`, each entry in the bank's own format (the same
 * zod fields and cross-field checks, src/core/bank/schema.ts) except that its topic may be the
 * pack's name and its hint and tags may be left out.
 */
const entrySchema = z
  .object({
    ...questionShape,
    id: questionShape.id.max(PACK_ENTRY_ID_MAX),
    topic: z.string(),
    hint: questionShape.hint.optional(),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase tag words joined by hyphens')).max(10).default([]),
  })
  .strict()
  .superRefine(refineEntry);

const headerSchema = z
  .object({
    name: z.string().max(PACK_NAME_MAX, `at most ${PACK_NAME_MAX} characters`).regex(PACK_NAME, 'a lowercase slug: a-z, 0-9 and single hyphens, starting with a letter'),
    version: z.union([z.string().trim().min(1).max(32), z.number()]).transform(String),
    questions: z.array(z.unknown()).min(1, 'at least one entry').max(PACK_LIMITS.entries, `at most ${PACK_LIMITS.entries} entries`),
  })
  .strict();

/** One problem of a pack: the entry (or the file), the field and what is valid. */
export interface PackProblem {
  entry?: string | undefined;
  field: string;
  message: string;
}

export interface ParsedPack {
  name: string;
  version: string;
  hash: string;
  format: PackFormat;
  questions: Question[];
  /** Entries whose options a content-blind test-taker can pick (imported, but worth a fix). */
  warnings: PackProblem[];
}

export type PackParse = { ok: true; pack: ParsedPack } | { ok: false; problems: PackProblem[] };

const fieldOf = (path: readonly PropertyKey[]) => (path.length === 0 ? '(entry)' : path.map(String).join('.'));
const MAX_PROBLEMS = 20;

/** Parses and validates a pack's text (YAML or JSON; JSON is YAML). Never throws for content. */
export async function parsePack(source: string): Promise<PackParse> {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > PACK_LIMITS.bytes) return { ok: false, problems: [{ field: '(file)', message: `${bytes} bytes; a pack is at most ${PACK_LIMITS.bytes} bytes` }] };
  // The YAML parser loads at the first import, not at start (a twentieth of a console start).
  const { parse: parseYaml } = await import('yaml');
  let doc: unknown;
  try {
    doc = parseYaml(source, { maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [{ field: '(file)', message: `not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const header = headerSchema.safeParse(doc);
  if (!header.success) {
    const problems = header.error.issues.map((i) => ({ field: fieldOf(i.path), message: i.path.length === 0 ? 'a pack is a mapping with name, version and questions' : i.message }));
    return { ok: false, problems };
  }
  const { name, version } = header.data;
  if ((TOPIC_IDS as readonly string[]).includes(name)) {
    return { ok: false, problems: [{ field: 'name', message: `"${name}" is a bank topic; choose another name` }] };
  }
  const problems: PackProblem[] = [];
  const questions: Question[] = [];
  const seen = new Set<string>();
  header.data.questions.forEach((raw, index) => {
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw).id).slice(0, 60) : `#${index + 1}`;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push({ entry: rawId, field: fieldOf(i.path), message: i.message });
      return;
    }
    const e = parsed.data;
    if (e.topic !== name && !(TOPIC_IDS as readonly string[]).includes(e.topic)) {
      problems.push({ entry: e.id, field: 'topic', message: `"${e.topic.slice(0, 40)}" is neither the pack's name (${name}) nor a bank topic (${TOPIC_IDS.join(', ')})` });
      return;
    }
    if (seen.has(e.id)) {
      problems.push({ entry: e.id, field: 'id', message: 'duplicate id; every entry of a pack needs its own' });
      return;
    }
    seen.add(e.id);
    // Stored under `pack/id`: never the id of a bank question or of another pack's.
    questions.push({ ...e, id: packQuestionId(name, e.id), hint: e.hint ?? e.keyPoints[0]!.point, tags: e.tags });
  });
  if (problems.length === 0) {
    const ctx = bankContext(questions);
    for (const q of questions) {
      for (const p of entryProblems(q, ctx).filter((text) => !text.includes('a blind candidate'))) {
        problems.push({ entry: localId(q.id), ...splitProblem(p) });
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems: cap(problems) };
  return { ok: true, pack: { name, version, hash: sha256(source), format: detectFormat(source), questions, warnings: blindWarnings(questions) } };
}

/** Entries a content-blind candidate answers by style alone, and the pack's blind score when it is large enough to say. */
function blindWarnings(questions: readonly Question[]): PackProblem[] {
  const warnings: PackProblem[] = questions.flatMap((q) => styleTells(q).map((tell) => ({ entry: localId(q.id), field: 'choices', message: `${tell}; a blind candidate picks it without knowing the answer` })));
  if (questions.length >= 20) {
    const blind = blindTestTaker(questions);
    if (blind.bestScore > MAX_BLIND_SCORE) {
      warnings.push({ field: 'choices', message: `a content-blind test-taker scores ${Math.round(blind.bestScore * 100)}% by "${blind.bestStrategy}" (chance is 25%)` });
    }
  }
  return cap(warnings);
}

/** entryProblems writes `question "id": field: message`; keep the field and the message apart. */
function splitProblem(text: string): { field: string; message: string } {
  const rest = text.replace(/^question "[^"]*": /, '');
  const m = /^([a-zA-Z]+(?:\.\d+)?): (.*)$/.exec(rest);
  return m ? { field: m[1]!, message: m[2]! } : { field: '(entry)', message: rest };
}

const localId = (id: string) => id.slice(id.indexOf('/') + 1);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const detectFormat = (s: string): PackFormat => (/^\s*[{[]/.test(s) ? 'json' : 'yaml');

function cap(list: PackProblem[]): PackProblem[] {
  if (list.length <= MAX_PROBLEMS) return list;
  return [...list.slice(0, MAX_PROBLEMS), { field: '(pack)', message: `and ${list.length - MAX_PROBLEMS} more` }];
}
