-- Sessions end after a while without use (issue 14): `last_seen_at` is
-- when the session was last used (noted at most once an hour); a session
-- idle longer than `auth::SESSION_IDLE_DAYS` or older than
-- `auth::SESSION_DAYS` names nobody. NULL (sessions from before): counted
-- from `created_at`. Never edit once landed.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
