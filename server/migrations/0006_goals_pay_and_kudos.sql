-- Goals, pay and recognition (issue 5). Never edit once landed: add a new
-- migration.

-- Which calendar a team's goal periods follow; NULL follows each reader's
-- language (Jalali in Persian, Gregorian in English).
ALTER TABLE teams ADD COLUMN calendar TEXT CHECK (calendar IS NULL OR calendar IN ('gregorian', 'jalali'));

-- Goal progress counts a person's closed deals by the day they closed and
-- their activities by the day they happened: range scans on these covering
-- indexes, whatever the size of the tables (see BENCHMARKS.md).
CREATE INDEX leads_owner_closed ON leads (owner_id, closed_at, stage, deleted, currency, won_amount, customer_kind);
CREATE INDEX activities_owner_occurred ON activities (owner_id, occurred_at, kind, deleted);
CREATE INDEX records_owner_kind ON records (owner_id, kind, period_end);

-- A team's compensation plan: base rates in basis points (1 bp = 0.01%)
-- for new and existing customers, tiers above a share of quota (JSON list of
-- {from_percent_of_quota, new_customer, existing_customer}), a fixed bonus
-- for a rep who beats a monthly revenue target and one for every rep when the
-- team's goal is reached, and the days it is in force.
CREATE TABLE compensation_plans (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    new_customer_rate INTEGER NOT NULL CHECK (new_customer_rate BETWEEN 0 AND 10000),
    existing_customer_rate INTEGER NOT NULL CHECK (existing_customer_rate BETWEEN 0 AND 10000),
    tiers TEXT NOT NULL DEFAULT '[]',
    rep_bonus INTEGER NOT NULL DEFAULT 0 CHECK (rep_bonus >= 0),
    team_bonus INTEGER NOT NULL DEFAULT 0 CHECK (team_bonus >= 0),
    bonus_currency TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX compensation_plans_team ON compensation_plans (team_id, deleted, effective_from);
CREATE INDEX compensation_plans_version ON compensation_plans (version);

-- Recognition: a manager or teammate thanks a rep; the team reads it.
CREATE TABLE kudos (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    from_user_id TEXT NOT NULL REFERENCES users(id),
    to_user_id TEXT NOT NULL REFERENCES users(id),
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kudos_team ON kudos (team_id, deleted, created_at);
CREATE INDEX kudos_version ON kudos (version);
