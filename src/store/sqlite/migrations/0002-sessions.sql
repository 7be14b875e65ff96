-- The SessionStore: adapters' short-lived state, one value per (community, key) with a lifetime.
-- Reads ignore expired rows; the sweeper deletes them.

CREATE TABLE sessions (
  community TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (community, key)
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expires_at);
