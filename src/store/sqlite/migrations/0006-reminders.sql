-- Practice reminders (core/learning/reminder-store.ts): one per (community, member). next_at is
-- when the scheduler looks at it next; its index lets a tick read only the due ones.

CREATE TABLE reminders (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  time TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;
CREATE INDEX reminders_due ON reminders (next_at);
