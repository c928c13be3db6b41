-- SQLite's migration 0036: the sign-in throttle and the web forms'
-- submission limits in the database, shared by every server (see there).

CREATE TABLE sign_in_strikes (
    key TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    locked_until_ms BIGINT NOT NULL,
    last_attempt_ms BIGINT NOT NULL
);

CREATE INDEX sign_in_strikes_by_last_attempt ON sign_in_strikes (last_attempt_ms);

CREATE TABLE recent_submissions (
    key TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    times_ms TEXT NOT NULL,
    last_ms BIGINT NOT NULL
);

CREATE INDEX recent_submissions_by_last ON recent_submissions (last_ms);
