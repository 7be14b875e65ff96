-- The learning loop (core/learning/card-store.ts): each member's FSRS card per question answered,
-- indexed by due date, and the retention tally. Cards do not expire: one per question at most.

CREATE TABLE cards (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  due INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  body TEXT NOT NULL,              -- the CardRecord as JSON
  PRIMARY KEY (community, user_id, question_id)
) WITHOUT ROWID;
CREATE INDEX cards_due ON cards (community, user_id, due);

CREATE TABLE review_tallies (
  community TEXT NOT NULL,
  user_id TEXT NOT NULL,
  reviews INTEGER NOT NULL,
  recalled INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) WITHOUT ROWID;
