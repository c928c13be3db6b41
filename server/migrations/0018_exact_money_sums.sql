-- Exact money sums (issue 14, item 6). One amount is capped at 10^15 minor
-- units, but a sum of about 9,300 such amounts passes what a 64-bit integer
-- holds, and SQLite then turns the sum into an inexact float (or SUM()
-- fails). So the money roll-ups keep every amount in two parts: the low
-- part (amount % 10^9) in the old column and the high part (amount / 10^9)
-- in a new `_high` column; each part's sum stays exact for billions of
-- rows, and the server adds `high * 10^9 + low` in 128-bit integers.
-- Never edit once landed: add a new migration.
ALTER TABLE closed_days ADD COLUMN revenue_high INTEGER NOT NULL DEFAULT 0;
UPDATE closed_days SET revenue_high = CAST(revenue AS INTEGER) / 1000000000,
    revenue = CAST(revenue AS INTEGER) % 1000000000;
ALTER TABLE open_pipeline ADD COLUMN value_high INTEGER NOT NULL DEFAULT 0;
UPDATE open_pipeline SET value_high = CAST(value AS INTEGER) / 1000000000,
    value = CAST(value AS INTEGER) % 1000000000;

DROP TRIGGER closed_days_after_insert;
CREATE TRIGGER closed_days_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
BEGIN
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue, revenue_high)
    VALUES (NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) % 1000000000,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) / 1000000000)
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue,
        revenue_high = revenue_high + excluded.revenue_high;
END;

DROP TRIGGER closed_days_after_update;
CREATE TRIGGER closed_days_after_update
AFTER UPDATE OF owner_id, stage, closed_at, won_amount, currency, customer_kind, deleted ON leads
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) % 1000000000,
        revenue_high = revenue_high - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND day = date(OLD.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AND currency = OLD.currency;
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue, revenue_high)
    SELECT NEW.owner_id, date(NEW.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), NEW.currency, NEW.stage = 'won', NEW.stage = 'lost',
        NEW.stage = 'won' AND NEW.customer_kind = 'new',
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) % 1000000000,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = won + excluded.won, lost = lost + excluded.lost,
        new_customers = new_customers + excluded.new_customers, revenue = revenue + excluded.revenue,
        revenue_high = revenue_high + excluded.revenue_high;
END;

DROP TRIGGER closed_days_after_delete;
CREATE TRIGGER closed_days_after_delete AFTER DELETE ON leads
WHEN OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won'), lost = lost - (OLD.stage = 'lost'),
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new'),
        revenue = revenue - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) % 1000000000,
        revenue_high = revenue_high - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE owner_id = OLD.owner_id AND day = date(OLD.closed_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.closed_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AND currency = OLD.currency;
END;


DROP TRIGGER open_pipeline_after_insert;
CREATE TRIGGER open_pipeline_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
BEGIN
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value, value_high)
    VALUES (NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value % 1000000000, NEW.estimated_value / 1000000000)
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = deals + 1, value = value + excluded.value,
        value_high = value_high + excluded.value_high;
END;

DROP TRIGGER open_pipeline_after_update;
CREATE TRIGGER open_pipeline_after_update
AFTER UPDATE OF owner_id, stage, currency, estimated_value, deleted ON leads
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value % 1000000000,
        value_high = value_high - OLD.estimated_value / 1000000000
    WHERE OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value, value_high)
    SELECT NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value % 1000000000, NEW.estimated_value / 1000000000
    WHERE NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = deals + 1, value = value + excluded.value,
        value_high = value_high + excluded.value_high;
END;

DROP TRIGGER open_pipeline_after_delete;
CREATE TRIGGER open_pipeline_after_delete AFTER DELETE ON leads
WHEN OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value % 1000000000,
        value_high = value_high - OLD.estimated_value / 1000000000
    WHERE owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
END;
