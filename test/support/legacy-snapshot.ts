import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Community } from '../../src/core/identity.js';
import { communityKeys } from '../../src/store/keys.js';
import { LEGACY_JSON_FILE, type LegacyEntry, type LegacySnapshot } from '../../src/store/sqlite/legacy-json.js';

/**
 * A data file as the JSON embedded store of earlier versions wrote it (keys of src/store/keys.ts
 * with an empty prefix): two members (ann and bob unless named) with an answer each, a team, boards, a delivery with its
 * answered set, results and a hint, a daily schedule with a slot, settings, and one expired key.
 */
export function writeLegacyFile(dir: string, c: Community, now: number, users: [string, string] = ['ann', 'bob']): string {
  const [ann, bob] = users;
  const k = communityKeys('', c);
  const later = now + 86_400_000;
  const e = (value: LegacyEntry['value'], exp?: number): LegacyEntry => (exp === undefined ? { value } : { value, exp });
  const schedule = { channelId: 'chan', time: '09:00', timeZone: 'Europe/Berlin', weekdays: [1, 2, 3, 4, 5], mode: 'choice', revealAfterMinutes: 480, createdBy: ann, createdAt: now };
  const delivery = { id: 'd1', questionId: 'q1', mode: 'choice', ownerId: null, order: [0, 1, 2, 3], createdAt: now, expiresAt: later };
  const snapshot: LegacySnapshot = {
    version: 1,
    entries: {
      [k.delivery('d1')]: e({ t: 'str', v: JSON.stringify(delivery) }, later),
      [k.answered('d1')]: e({ t: 'set', v: [bob, ann] }, later),
      [k.results('d1')]: e({ t: 'list', v: [`${ann}|1|${now}`, `${bob}|0|${now + 5}`] }, later),
      [k.hints('d1')]: e({ t: 'set', v: [bob] }, later),
      [k.scored(ann, 'q1')]: e({ t: 'str', v: '1' }, now + 30 * 86_400_000),
      [k.stats(ann)]: e({ t: 'hash', v: { answered: '1', correct: '1', points: '20', 'a:cnn': '1', 'c:cnn': '1' } }),
      [k.stats(bob)]: e({ t: 'hash', v: { answered: '1', points: '0', 'a:cnn': '1' } }),
      [k.streak(ann)]: e({ t: 'hash', v: { last: '20000', current: '3', best: '5' } }),
      [k.recent(ann)]: e({ t: 'list', v: ['q1', 'q0'] }),
      [k.board({ scope: 'users', key: 'all' })]: e({ t: 'zset', v: { [ann]: 20, [bob]: 0 } }),
      [k.board({ scope: 'users', key: '2026-W48' })]: e({ t: 'zset', v: { [ann]: 20, [bob]: 0 } }, later),
      [k.board({ scope: 'teams', key: 'all' })]: e({ t: 'zset', v: { owls: 20 } }),
      [k.board({ scope: 'users', key: '2026-W01' })]: e({ t: 'zset', v: { [ann]: 99 } }, now - 1), // expired
      [k.teamOf()]: e({ t: 'hash', v: { [ann]: 'owls' } }),
      [k.teams()]: e({ t: 'hash', v: { owls: 'Owls', cats: 'Cats' } }),
      [k.teamSizes()]: e({ t: 'hash', v: { owls: '1' } }),
      [k.names()]: e({ t: 'hash', v: { [ann]: 'Ann', [bob]: 'Bob' } }),
      [k.settings()]: e({ t: 'hash', v: { timeZone: 'Europe/Berlin' } }),
      [k.schedules()]: e({ t: 'hash', v: { chan: JSON.stringify(schedule) } }),
      [k.slot('chan', '2026-11-23')]: e({ t: 'hash', v: { state: 'posted', token: 'tok', claimedAt: String(now), deliveryId: 'd1', messageId: 'm1', postedAt: String(now) } }, later),
      [k.usedDaily('chan')]: e({ t: 'set', v: ['q1'] }),
      [`daily:index`]: e({ t: 'set', v: [`${c.platform}:${c.id}|chan`] }),
    },
  };
  const file = join(dir, LEGACY_JSON_FILE);
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}
