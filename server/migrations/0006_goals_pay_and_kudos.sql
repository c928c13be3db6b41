-- Goals, pay and recognition (issue 5). Never edit once landed: add a new
-- migration.

-- Which calendar a team's goal periods follow; NULL follows each reader's
-- language (Jalali in Persian, Gregorian in English).
ALTER TABLE teams ADD COLUMN calendar TEXT CHECK (calendar IS NULL OR calendar IN ('gregorian', 'jalali'));

-- Goal progress reads per-person daily roll-ups instead of the raw rows, so
-- a year of a 50-rep team is ~18,000 small rows whatever the size of the
-- tables (see BENCHMARKS.md). Days are the UTC day of the stored instant
-- (what the device counts too). Triggers keep them exact on every insert,
-- update (owner, kind, time, stage, amount, currency, customer, tombstone)
-- and delete; the backfill below counts what is already there.
CREATE TABLE activity_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    meetings INTEGER NOT NULL DEFAULT 0,
    activities INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, day)
) WITHOUT ROWID;

CREATE TABLE closed_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    currency TEXT NOT NULL,
    won INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    new_customers INTEGER NOT NULL DEFAULT 0,
    revenue INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, day, currency)
) WITHOUT ROWID;

INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
SELECT owner_id, substr(occurred_at, 1, 10), SUM(kind = 'call'), SUM(kind = 'meeting'), COUNT(*)
FROM activities WHERE deleted = 0 AND occurred_at IS NOT NULL AND kind <> 'task'
GROUP BY owner_id, substr(occurred_at, 1, 10);

INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue)
SELECT owner_id, substr(closed_at, 1, 10), currency, SUM(stage = 'won'), SUM(stage = 'lost'),
       SUM(stage = 'won' AND customer_kind = 'new'), SUM(CASE WHEN stage = 'won' THEN COALESCE(won_amount, 0) ELSE 0 END)
FROM leads WHERE deleted = 0 AND closed_at IS NOT NULL AND stage IN ('won', 'lost')
GROUP BY owner_id, substr(closed_at, 1, 10), currency;

CREATE TRIGGER activity_days_after_insert AFTER INSERT ON activities
WHEN NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task'
BEGIN
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    VALUES (NEW.owner_id, substr(NEW.occurred_at, 1, 10), NEW.kind = 'call', NEW.kind = 'meeting', 1)
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = calls + excluded.calls,
        meetings = meetings + excluded.meetings, activities = activities + 1;
END;

CREATE TRIGGER activity_days_after_update AFTER UPDATE OF owner_id, kind, occurred_at, deleted ON activities
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call'), meetings = meetings - (OLD.kind = 'meeting'),
        activities = activities - 1
    WHERE OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task'
      AND owner_id = OLD.owner_id AND day = substr(OLD.occurred_at, 1, 10);
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    SELECT NEW.owner_id, substr(NEW.occurred_at, 1, 10), NEW.kind = 'call', NEW.kind = 'meeting', 1
    WHERE NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task'
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = calls + excluded.calls,
        meetings = meetings + excluded.meetings, activities = activities + 1;
END;

CREATE TRIGGER activity_days_after_delete AFTER DELETE ON activities
WHEN OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task'
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call'), meetings = meetings - (OLD.kind = 'meeting'),
        activities = activities - 1
    WHERE owner_id = OLD.owner_id AND day = substr(OLD.occurred_at, 1, 10);
END;

CREATE TRIGGER closed_days_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
BEGIN
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue)
    VALUES (NEW.owner_id, substr(NEW.closed_at, 1, 10), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END)
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER closed_days_after_update
AFTER UPDATE OF owner_id, stage, closed_at, won_amount, currency, customer_kind, deleted ON leads
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END
    WHERE OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND day = substr(OLD.closed_at, 1, 10) AND currency = OLD.currency;
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue)
    SELECT NEW.owner_id, substr(NEW.closed_at, 1, 10), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue;
END;

CREATE TRIGGER closed_days_after_delete AFTER DELETE ON leads
WHEN OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END
    WHERE owner_id = OLD.owner_id AND day = substr(OLD.closed_at, 1, 10) AND currency = OLD.currency;
END;

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
