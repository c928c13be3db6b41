-- The sign-in throttle and the web forms' submission limits, kept in the
-- database instead of one process's memory (issue 16), so that every
-- server behind a load balancer counts the same attempts and a restart
-- does not forget them. One row per counted key, changed under its row
-- lock (`store/limits.rs`); rows unused for a day are deleted.
-- * `sign_in_strikes`: per key ("account-from:<e-mail> <address>" or
--   "from:<address>"), the attempts counted as failed, until when the key
--   must wait, and its last attempt (Unix milliseconds).
-- * `recent_submissions`: per key ("address:<address>" or "form:<id>"),
--   the times of its submissions still inside their window, oldest first,
--   as Unix milliseconds separated by commas.
-- Never edit once landed: add a new migration.

CREATE TABLE sign_in_strikes (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    locked_until_ms INTEGER NOT NULL,
    last_attempt_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sign_in_strikes_by_last_attempt ON sign_in_strikes (last_attempt_ms);

CREATE TABLE recent_submissions (
    key TEXT PRIMARY KEY NOT NULL,
    times_ms TEXT NOT NULL,
    last_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX recent_submissions_by_last ON recent_submissions (last_ms);
