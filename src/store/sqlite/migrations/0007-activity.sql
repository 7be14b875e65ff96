-- Answers per member per local day (core/activity-store.ts), for the stats heat map. A member's
-- rows all expire keep-days after their last answer, like RedisStore's hash; swept like the others.
CREATE TABLE activity (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  day INTEGER NOT NULL,            -- localDay: days since 1970-01-01 in the member's time zone
  n INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, day)
) WITHOUT ROWID;
CREATE INDEX activity_expiry ON activity (expires_at);

-- Which delivery's answer was counted for a member, so a repeat of the same answer is not counted
-- twice; lives as long as the delivery.
CREATE TABLE activity_counted (
  community TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, delivery_id, user_id)
) WITHOUT ROWID;
CREATE INDEX activity_counted_expiry ON activity_counted (expires_at);
