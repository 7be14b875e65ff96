-- The embedded store. Every row belongs to one community ("platform:id"); no query crosses two.
-- Times are ms since the epoch. Rows with an expires_at in the past are treated as absent by
-- every read and deleted in small batches by the sweeper (sweeper.ts).

CREATE TABLE deliveries (
  community TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,              -- the Delivery as JSON
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, id)
) WITHOUT ROWID;
CREATE INDEX deliveries_expiry ON deliveries (expires_at);

-- One row per delivery with answers: its answered set and results list live and expire together.
CREATE TABLE answer_sets (
  community TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, delivery_id)
) WITHOUT ROWID;
CREATE INDEX answer_sets_expiry ON answer_sets (expires_at);

-- The first answer of each user to a delivery; seq keeps the order they were recorded in.
CREATE TABLE answers (
  seq INTEGER PRIMARY KEY,
  community TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  correct INTEGER NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (community, delivery_id, user_id)
);

CREATE TABLE hints (
  community TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, delivery_id, user_id)
) WITHOUT ROWID;
CREATE INDEX hints_expiry ON hints (expires_at);

-- When a question's scoring window ends for a user (answer-rules.ts scoreWindow).
CREATE TABLE scored (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  until INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, question_id)
) WITHOUT ROWID;
CREATE INDEX scored_expiry ON scored (until);

CREATE TABLE user_stats (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  answered INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;

CREATE TABLE topic_stats (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  answered INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, topic)
) WITHOUT ROWID;

CREATE TABLE streaks (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  current INTEGER NOT NULL,
  best INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;

CREATE TABLE names (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;

-- A board: scope 'users' or 'teams', key 'all', a week ('2026-W48') or a month ('2026-11').
-- size is kept so the total never needs a count over the board.
CREATE TABLE boards (
  community TEXT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  size INTEGER NOT NULL,
  expires_at INTEGER,              -- NULL for the all-time boards
  PRIMARY KEY (community, scope, key)
) WITHOUT ROWID;
CREATE INDEX boards_expiry ON boards (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE board_scores (
  community TEXT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  member TEXT NOT NULL,
  score INTEGER NOT NULL,
  PRIMARY KEY (community, scope, key, member)
) WITHOUT ROWID;
-- Pages (score, then member, both descending, like ZREVRANGE) are range scans on this.
CREATE INDEX board_ranks ON board_scores (community, scope, key, score, member);

-- How many members of a board have each score. A rank is the sum of the counts above a score plus
-- the ties before the member, so it costs the number of distinct scores, not of members.
CREATE TABLE board_score_counts (
  community TEXT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  score INTEGER NOT NULL,
  members INTEGER NOT NULL,
  PRIMARY KEY (community, scope, key, score)
) WITHOUT ROWID;

-- members = 0: nobody is in the team any more; it stays on the boards but not in lists.
CREATE TABLE teams (
  community TEXT NOT NULL,
  team_key TEXT NOT NULL,
  name TEXT NOT NULL,
  members INTEGER NOT NULL,
  PRIMARY KEY (community, team_key)
) WITHOUT ROWID;

CREATE TABLE team_members (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  team_key TEXT NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_by_team ON team_members (community, team_key);

CREATE TABLE recent (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  questions TEXT NOT NULL,         -- JSON array of question ids, newest first
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;

CREATE TABLE settings (
  community TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (community, field)
) WITHOUT ROWID;

CREATE TABLE schedules (
  community TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  body TEXT NOT NULL,              -- the DailySchedule as JSON
  PRIMARY KEY (community, channel_id)
) WITHOUT ROWID;

CREATE TABLE slots (
  community TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  slot TEXT NOT NULL,
  state TEXT NOT NULL,
  token TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  delivery_id TEXT,
  message_id TEXT,
  posted_at INTEGER,
  reveal_at INTEGER,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, channel_id, slot)
) WITHOUT ROWID;
CREATE INDEX slots_expiry ON slots (expires_at);

CREATE TABLE daily_used (
  community TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  PRIMARY KEY (community, channel_id, question_id)
) WITHOUT ROWID;

-- Small facts about the database itself: the write probe, the legacy JSON import.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
