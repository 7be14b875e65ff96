-- AI grading (core/grading/grading-usage.ts): daily caps shared by every process on the file, a
-- cache of verified judgements, and token counters for operators. Expired rows are ignored by
-- reads and swept like the others.

-- One row per (community, day, member); member '' is the community's own counter.
CREATE TABLE ai_counts (
  community TEXT NOT NULL,
  day TEXT NOT NULL,
  member TEXT NOT NULL,
  n INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, day, member)
) WITHOUT ROWID;
CREATE INDEX ai_counts_expiry ON ai_counts (expires_at);

CREATE TABLE ai_cache (
  community TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,             -- a VerifiedJudgement as JSON
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, key)
) WITHOUT ROWID;
CREATE INDEX ai_cache_expiry ON ai_cache (expires_at);

CREATE TABLE ai_tokens (
  community TEXT NOT NULL,
  day TEXT NOT NULL,
  calls INTEGER NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, day)
) WITHOUT ROWID;
CREATE INDEX ai_tokens_expiry ON ai_tokens (expires_at);
