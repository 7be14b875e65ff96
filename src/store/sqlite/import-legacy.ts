import { parseResult, parseStats } from '../records.js';
import type { SqliteDatabase } from './database.js';
import type { LegacyEntry, LegacySnapshot, LegacyValue } from './legacy-json.js';

/** The meta row that records the import, written in the import's own transaction. */
export const LEGACY_IMPORT_MARK = 'legacy-json-import';

/** Far future, for keys that had no expiry in the old file but need one in a table. */
const NEVER = Number.MAX_SAFE_INTEGER;

const DATA_TABLES = ['deliveries', 'answers', 'user_stats', 'names', 'teams', 'schedules', 'settings', 'board_scores'];

/** True when the database holds no community data yet (so an import cannot mix with live data). */
export function isEmptyStore(sql: SqliteDatabase): boolean {
  return DATA_TABLES.every((t) => sql.stmt(`SELECT 1 FROM ${t} LIMIT 1`).get() === undefined);
}

type Of<T extends LegacyValue['t']> = Extract<LegacyValue, { t: T }>['v'];

/**
 * Copies every key of the old keyspace into the tables, inside the caller's transaction. Keys are
 * those of ../keys.ts with an empty prefix: "{platform:id}:rest". Expired entries are skipped.
 */
export function importLegacySnapshot(sql: SqliteDatabase, snapshot: LegacySnapshot, source: string, now: number): { keys: number; skipped: number } {
  const run = (q: string, ...params: unknown[]) => sql.stmt(q).run(...params);
  const live = Object.entries(snapshot.entries).filter(([, e]) => e.exp === undefined || e.exp > now);
  const results = new Map<string, string[]>();
  for (const [key, e] of live) if (key.endsWith(':results') && e.value.t === 'list') results.set(key, e.value.v);

  let skipped = 0;
  for (const [key, e] of live) {
    const m = /^\{([^}]+)\}:(.+)$/.exec(key);
    if (!m) {
      skipped += key === 'daily:index' ? 0 : 1; // the schedule index is rebuilt from the schedules
      continue;
    }
    if (!importKey(m[1]!, m[2]!, e, results.get(key.replace(/:answered$/, ':results')) ?? [], run)) skipped++;
  }
  run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', LEGACY_IMPORT_MARK, JSON.stringify({ source, at: now }));
  return { keys: live.length, skipped };
}

function importKey(c: string, rest: string, e: LegacyEntry, resultRows: string[], run: (q: string, ...p: unknown[]) => unknown): boolean {
  const v = e.value;
  const exp = e.exp ?? NEVER;
  let m: RegExpExecArray | null;
  if ((m = /^d:(.+):(answered|hints|results)$/.exec(rest))) {
    const [, id, kind] = m as unknown as [string, string, string];
    if (kind === 'results') return true; // imported with the answered set
    if (kind === 'hints') for (const u of v.v as Of<'set'>) run('INSERT OR REPLACE INTO hints VALUES (?, ?, ?, ?)', c, id, u, exp);
    else importAnswers(c, id, v.v as Of<'set'>, resultRows, exp, run);
  } else if ((m = /^d:(.+)$/.exec(rest)) && v.t === 'str') {
    run('INSERT OR REPLACE INTO deliveries (community, id, body, expires_at) VALUES (?, ?, ?, ?)', c, m[1], v.v, exp);
  } else if ((m = /^u:(.+?):scored:(.+)$/.exec(rest))) {
    run('INSERT OR REPLACE INTO scored VALUES (?, ?, ?, ?)', c, m[1], m[2], exp);
  } else if ((m = /^u:(.+):(stats|streak|recent)$/.exec(rest))) {
    importUser(c, m[1]!, m[2]!, v, run);
  } else if ((m = /^lb:(users|teams):(.+)$/.exec(rest)) && v.t === 'zset') {
    const members = Object.entries(v.v);
    run('INSERT OR REPLACE INTO boards VALUES (?, ?, ?, ?, ?)', c, m[1], m[2], members.length, e.exp ?? null);
    for (const [member, score] of members) {
      run('INSERT OR REPLACE INTO board_scores VALUES (?, ?, ?, ?, ?)', c, m[1], m[2], member, score);
      run('INSERT INTO board_score_counts VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET members = members + 1', c, m[1], m[2], score);
    }
  } else if ((m = /^daily:(.+):slot:(.+)$/.exec(rest)) && v.t === 'hash') {
    const h = v.v;
    const num = (k: string) => (h[k] === undefined ? null : Number(h[k]));
    run('INSERT OR REPLACE INTO slots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', c, m[1], m[2], h['state'] ?? 'claimed', h['token'] ?? '', num('claimedAt') ?? 0,
      h['deliveryId'] ?? null, h['messageId'] ?? null, num('postedAt'), num('revealAt'), exp);
  } else if ((m = /^daily:(.+):used$/.exec(rest)) && v.t === 'set') {
    for (const q of v.v) run('INSERT OR IGNORE INTO daily_used VALUES (?, ?, ?)', c, m[1], q);
  } else if (v.t === 'hash') {
    return importHash(c, rest, v.v, run);
  } else {
    return false;
  }
  return true;
}

/** The answered set and the results list become answer rows, in the order of the results list. */
function importAnswers(c: string, id: string, answered: string[], resultRows: string[], exp: number, run: (q: string, ...p: unknown[]) => unknown): void {
  const results = resultRows.map(parseResult);
  const ordered = [...results.map((r) => r.userId), ...answered].filter((u, i, all) => all.indexOf(u) === i && answered.includes(u));
  for (const u of ordered) {
    const r = results.find((x) => x.userId === u);
    run('INSERT OR IGNORE INTO answers (community, delivery_id, user_id, correct, at) VALUES (?, ?, ?, ?, ?)', c, id, u, r?.correct ? 1 : 0, r?.at ?? 0);
  }
  run('INSERT OR REPLACE INTO answer_sets VALUES (?, ?, ?)', c, id, exp);
}

function importUser(c: string, user: string, kind: string, v: LegacyValue, run: (q: string, ...p: unknown[]) => unknown): void {
  if (kind === 'recent' && v.t === 'list') {
    run('INSERT OR REPLACE INTO recent VALUES (?, ?, ?)', c, user, JSON.stringify(v.v));
  } else if (kind === 'stats' && v.t === 'hash') {
    const s = parseStats(v.v);
    run('INSERT OR REPLACE INTO user_stats VALUES (?, ?, ?, ?, ?)', c, user, s.answered, s.correct, s.points);
    for (const [topic, t] of Object.entries(s.byTopic)) run('INSERT OR REPLACE INTO topic_stats VALUES (?, ?, ?, ?, ?)', c, user, topic, t.answered, t.correct);
  } else if (kind === 'streak' && v.t === 'hash') {
    run('INSERT OR REPLACE INTO streaks VALUES (?, ?, ?, ?, ?)', c, user, Number(v.v['current'] ?? 0), Number(v.v['best'] ?? 0), Number(v.v['last'] ?? -1));
  }
}

/** The per-community hashes: team-of, teams, team-sizes, names, settings, daily:schedules. */
function importHash(c: string, name: string, h: Record<string, string>, run: (q: string, ...p: unknown[]) => unknown): boolean {
  for (const [field, value] of Object.entries(h)) {
    if (name === 'team-of') run('INSERT OR REPLACE INTO team_members VALUES (?, ?, ?)', c, field, value);
    else if (name === 'teams') run('INSERT INTO teams VALUES (?, ?, ?, 0) ON CONFLICT DO UPDATE SET name = excluded.name', c, field, value);
    else if (name === 'team-sizes') run('INSERT INTO teams VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET members = excluded.members', c, field, field, Number(value));
    else if (name === 'names') run('INSERT OR REPLACE INTO names VALUES (?, ?, ?)', c, field, value);
    else if (name === 'settings') run('INSERT OR REPLACE INTO settings VALUES (?, ?, ?)', c, field, value);
    else if (name === 'daily:schedules') run('INSERT OR REPLACE INTO schedules VALUES (?, ?, ?)', c, field, value);
    else return false;
  }
  return true;
}
