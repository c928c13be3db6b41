-- Pishro's foundation schema. Never edit once landed: add a new migration.
-- Portable SQL where possible (SQLite now, PostgreSQL later): ids are UUID
-- text, timestamps are RFC 3339 UTC text, money is integer minor units plus
-- an ISO 4217 code, booleans are 0/1 integers.

-- One row: the last sync version handed out. Every write to a synced table
-- takes the next value, so pulls can ask for "everything after version N".
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_version INTEGER NOT NULL
);
INSERT INTO sync_state (id, last_version) VALUES (1, 0);

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    manager_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id TEXT REFERENCES teams(id),
    locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fa')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_team ON users (team_id);

-- Sessions store a hash of the cookie's token, never the token itself.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    company TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    estimated_value INTEGER NOT NULL DEFAULT 0 CHECK (estimated_value >= 0),
    currency TEXT NOT NULL,
    customer_kind TEXT NOT NULL,
    won_amount INTEGER CHECK (won_amount IS NULL OR won_amount >= 0),
    closed_at TEXT,
    lost_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX leads_owner ON leads (owner_id, deleted);
CREATE INDEX leads_version ON leads (version);

CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    lead_id TEXT REFERENCES leads(id),
    owner_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    tactic TEXT NOT NULL,
    outcome TEXT,
    occurred_at TEXT,
    due_at TEXT,
    done_at TEXT,
    duration_minutes INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activities_owner ON activities (owner_id, deleted);
CREATE INDEX activities_lead ON activities (lead_id);
CREATE INDEX activities_version ON activities (version);

CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    scope TEXT NOT NULL CHECK (scope IN ('rep', 'team')),
    subject_id TEXT NOT NULL,
    metric TEXT NOT NULL,
    target INTEGER NOT NULL CHECK (target >= 0),
    currency TEXT,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    CHECK (period_end >= period_start)
);
CREATE INDEX goals_team ON goals (team_id, deleted);
CREATE INDEX goals_version ON goals (version);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    owner_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    amount INTEGER CHECK (amount IS NULL OR amount >= 0),
    currency TEXT,
    period_start TEXT,
    period_end TEXT,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX records_team ON records (team_id, deleted);
CREATE INDEX records_version ON records (version);
