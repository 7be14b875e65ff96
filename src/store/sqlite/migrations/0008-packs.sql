-- Community question packs and members' reports (issue #16). Packs never expire; a report's
-- rate window is a counter with its own end, as the Redis hash with a lifetime.
CREATE TABLE packs (
  community TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  source TEXT NOT NULL,
  questions TEXT NOT NULL,
  PRIMARY KEY (community, name)
) WITHOUT ROWID;

CREATE TABLE question_reports (
  community TEXT NOT NULL,
  question_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (community, question_id, user_id)
) WITHOUT ROWID;

CREATE TABLE paused_questions (
  community TEXT NOT NULL,
  question_id TEXT NOT NULL,
  PRIMARY KEY (community, question_id)
) WITHOUT ROWID;

CREATE TABLE report_rates (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;

-- The sweeper deletes expired rate windows by this.
CREATE INDEX report_rates_expiry ON report_rates (expires_at);
