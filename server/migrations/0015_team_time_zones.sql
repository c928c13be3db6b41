-- Team time zones (issue 12): a team's days are its local days, not UTC
-- days. `teams.time_zone` is the IANA name an admin chose (NULL: Asia/Tehran
-- for a Jalali team, UTC otherwise). `zone_offsets` holds the UTC offsets
-- that zone has had, each from the instant it began, as the server learns
-- them from the IANA rules (`domain::time_zone::UtcOffsets`); the server
-- fills it at start and whenever a team's zone or calendar changes, and
-- then recounts that team's day roll-ups. The day roll-ups (`activity_days`,
-- `closed_days`, `closed_lead_paths`) now key each row by the owner's team's
-- local day; a team with no offsets yet counts UTC days, as before. Never
-- edit once landed: add a new migration.
ALTER TABLE teams ADD COLUMN time_zone TEXT;

CREATE TABLE zone_offsets (
    team_id TEXT NOT NULL,
    from_utc TEXT NOT NULL,
    offset_minutes INTEGER NOT NULL,
    PRIMARY KEY (team_id, from_utc)
) WITHOUT ROWID;

DROP TRIGGER activity_days_after_insert;
CREATE TRIGGER activity_days_after_insert AFTER INSERT ON activities
WHEN NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task'
BEGIN
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    VALUES (NEW.owner_id, date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.kind = 'call', NEW.kind = 'meeting', 1)
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = calls + excluded.calls,
        meetings = meetings + excluded.meetings, activities = activities + 1;
END;

DROP TRIGGER activity_days_after_update;
CREATE TRIGGER activity_days_after_update AFTER UPDATE OF owner_id, kind, occurred_at, deleted ON activities
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call'), meetings = meetings - (OLD.kind = 'meeting'),
        activities = activities - 1
    WHERE OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task'
      AND owner_id = OLD.owner_id AND day = date(OLD.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes');
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    SELECT NEW.owner_id, date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.kind = 'call', NEW.kind = 'meeting', 1
    WHERE NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task'
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = calls + excluded.calls,
        meetings = meetings + excluded.meetings, activities = activities + 1;
END;

DROP TRIGGER activity_days_after_delete;
CREATE TRIGGER activity_days_after_delete AFTER DELETE ON activities
WHEN OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task'
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call'), meetings = meetings - (OLD.kind = 'meeting'),
        activities = activities - 1
    WHERE owner_id = OLD.owner_id AND day = date(OLD.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes');
END;

DROP TRIGGER closed_days_after_insert;
CREATE TRIGGER closed_days_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
BEGIN
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue)
    VALUES (NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END)
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue;
END;

DROP TRIGGER closed_days_after_update;
CREATE TRIGGER closed_days_after_update
AFTER UPDATE OF owner_id, stage, closed_at, won_amount, currency, customer_kind, deleted ON leads
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END
    WHERE OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND day = date(OLD.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AND currency = OLD.currency;
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue)
    SELECT NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue;
END;

DROP TRIGGER closed_days_after_delete;
CREATE TRIGGER closed_days_after_delete AFTER DELETE ON leads
WHEN OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END
    WHERE owner_id = OLD.owner_id AND day = date(OLD.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AND currency = OLD.currency;
END;

DROP TRIGGER closed_lead_paths_after_insert;
CREATE TRIGGER closed_lead_paths_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
BEGIN
    INSERT OR IGNORE INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    VALUES (NEW.id, NEW.stage, NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.stage = 'won');
END;

DROP TRIGGER closed_lead_paths_after_update;
CREATE TRIGGER closed_lead_paths_after_update
AFTER UPDATE OF owner_id, stage, closed_at, deleted ON leads
BEGIN
    DELETE FROM closed_lead_paths WHERE lead_id = NEW.id;
    INSERT OR IGNORE INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    SELECT NEW.id, reached.stage, NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.stage = 'won'
    FROM (
        SELECT from_stage AS stage FROM stage_moves WHERE lead_id = NEW.id AND from_stage IS NOT NULL
        UNION SELECT to_stage FROM stage_moves WHERE lead_id = NEW.id
        UNION SELECT OLD.stage
        UNION SELECT NEW.stage
    ) reached
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost');
END;
