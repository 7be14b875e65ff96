-- Recording an answer is idempotent per (delivery, member): the same submission again gets the
-- stored outcome of the first (a retried write), a different one "already answered".
ALTER TABLE answers ADD COLUMN submission TEXT;
ALTER TABLE answers ADD COLUMN outcome TEXT;
