// Fills a fresh embedded store with `members` members of one community, as months of answers
// would have left it: stats by topic, streak, name, the three user boards, every tenth member in
// one of 100 teams (with team boards), five scoring windows, a recent list and an answered delivery.
// Written with SQL in one transaction, because a million rows through recordAnswer would take minutes.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Community } from '../src/core/identity.js';
import { communityKey } from '../src/core/identity.js';
import { DB_FILE } from '../src/store/sqlite/files.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

export async function seedMembers(dir: string, community: Community, members: number): Promise<void> {
  await (await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir, sweep: false })).close(); // creates the schema
  const db = new Database(join(dir, DB_FILE));
  db.pragma('journal_mode = WAL');
  const c = communityKey(community);
  const far = Date.now() + 400 * 86_400_000;
  const q = (sql: string) => db.prepare(sql);
  const ins = {
    name: q('INSERT INTO names VALUES (?, ?, ?)'),
    stats: q('INSERT INTO user_stats VALUES (?, ?, ?, ?, ?)'),
    topic: q('INSERT INTO topic_stats VALUES (?, ?, ?, ?, ?)'),
    streak: q('INSERT INTO streaks VALUES (?, ?, ?, ?, ?)'),
    score: q('INSERT INTO board_scores VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET score = score + excluded.score'),
    scored: q('INSERT INTO scored VALUES (?, ?, ?, ?)'),
    answer: q('INSERT INTO answers (community, delivery_id, user_id, correct, at) VALUES (?, ?, ?, ?, ?)'),
    set: q('INSERT INTO answer_sets VALUES (?, ?, ?)'),
    recent: q('INSERT INTO recent VALUES (?, ?, ?)'),
    member: q('INSERT INTO team_members VALUES (?, ?, ?)'),
    team: q('INSERT INTO teams VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET members = members + 1'),
    board: q('INSERT INTO boards VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET size = excluded.size'),
  };
  const countScores = q(
    'INSERT INTO board_score_counts SELECT community, scope, key, score, COUNT(*) FROM board_scores WHERE community = ? GROUP BY community, scope, key, score',
  );
  const boards = [['all', null], ['2026-W48', far], ['2026-11', far]] as const;
  db.transaction(() => {
    for (let i = 0; i < members; i++) {
      const u = `m${i}`;
      const points = (i * 37) % 2000;
      ins.name.run(c, u, `Member ${i}`);
      ins.stats.run(c, u, 40, 28, points);
      ins.topic.run(c, u, 'cnn', 25, 18);
      ins.topic.run(c, u, 'transformers', 15, 10);
      ins.streak.run(c, u, i % 9, 12, 20_399);
      for (const [key] of boards) ins.score.run(c, 'users', key, u, points);
      for (let k = 0; k < 5; k++) ins.scored.run(c, u, `old-q${(i + k) % 220}`, far);
      ins.answer.run(c, `old-${u}`, u, 1, Date.now());
      ins.set.run(c, `old-${u}`, far);
      ins.recent.run(c, u, JSON.stringify(['old-q1', 'old-q2', 'old-q3', 'old-q4', 'old-q5']));
      if (i % 10 === 0) {
        const team = `team${i % 100}`;
        ins.member.run(c, u, team);
        ins.team.run(c, team, `Team ${i % 100}`, 1);
        for (const [key] of boards) ins.score.run(c, 'teams', key, team, points);
      }
    }
    const teams = Math.min(100, Math.ceil(members / 10));
    for (const [key, exp] of boards) {
      ins.board.run(c, 'users', key, members, exp);
      if (teams > 0) ins.board.run(c, 'teams', key, teams, exp);
    }
    countScores.run(c);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
