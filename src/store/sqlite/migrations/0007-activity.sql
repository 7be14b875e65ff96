-- Answers per member per local day (core/activity-store.ts), for the stats heat map. A member's
-- rows all expire keep-days after their last answer, like RedisStore's hash; swept like the others.
-- Written by recordAnswer (writes.ts), in the answer's own transaction.
CREATE TABLE activity (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  day INTEGER NOT NULL,            -- localDay: days since 1970-01-01 in the member's time zone
  n INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, day)
) WITHOUT ROWID;
CREATE INDEX activity_expiry ON activity (expires_at);
