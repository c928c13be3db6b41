-- The tactic report (issue 12) read from day roll-ups kept exact by
-- triggers, so a month of a 50-rep team (40,000 activities) is a few
-- thousand small rows instead of every activity grouped per lead
-- (BENCHMARKS.md, session 16). What it counts:
-- * `approach_activity_days`: per owner, team-local day, grouping (tactic,
--   kind, source: the lead's) and approach, the activities (not tasks).
-- * `lead_first_touches`: per lead and tactic, per lead and type, and per
--   lead (any activity; counted under the lead's source), the first
--   activity (earliest, then lowest id) with its owner, local day, the first
--   forward-or-won move and the first move to won at or after it, and the
--   lead's state (live, won, source, currency, amount won).
-- * `approach_reach_days` / `approach_revenue_days`: the first touches
--   summed per owner, day and approach: leads first reached, and of those,
--   moved forward / won within each window the report offers
--   (7, 14, 30, 60, 90, 180 days), with the revenue of the won ones by currency in
--   two exact parts (as migration 0018).
-- Every change to activities, leads and stage moves, in whatever order
-- offline work lands, moves these rows; the sync simulation checks them
-- against a recount. Never edit once landed: add a new migration.

CREATE TABLE approach_activity_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    grouping TEXT NOT NULL,
    approach TEXT NOT NULL,
    activities INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach)
) WITHOUT ROWID;

CREATE TABLE lead_first_touches (
    lead_id TEXT NOT NULL,
    grouping TEXT NOT NULL,
    approach TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    day TEXT NOT NULL,
    forward_at TEXT,
    won_at TEXT,
    lead_live INTEGER NOT NULL,
    lead_won INTEGER NOT NULL,
    source TEXT,
    currency TEXT,
    won_amount INTEGER,
    PRIMARY KEY (lead_id, grouping, approach)
) WITHOUT ROWID;
CREATE INDEX lead_first_touches_activity ON lead_first_touches (activity_id);

CREATE TABLE approach_reach_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    grouping TEXT NOT NULL,
    approach TEXT NOT NULL,
    reached INTEGER NOT NULL,
    moved_7 INTEGER NOT NULL,
    moved_14 INTEGER NOT NULL,
    moved_30 INTEGER NOT NULL,
    moved_60 INTEGER NOT NULL,
    moved_90 INTEGER NOT NULL,
    moved_180 INTEGER NOT NULL,
    won_7 INTEGER NOT NULL,
    won_14 INTEGER NOT NULL,
    won_30 INTEGER NOT NULL,
    won_60 INTEGER NOT NULL,
    won_90 INTEGER NOT NULL,
    won_180 INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach)
) WITHOUT ROWID;

CREATE TABLE approach_revenue_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    grouping TEXT NOT NULL,
    approach TEXT NOT NULL,
    currency TEXT NOT NULL,
    revenue_7 INTEGER NOT NULL,
    revenue_7_high INTEGER NOT NULL,
    revenue_14 INTEGER NOT NULL,
    revenue_14_high INTEGER NOT NULL,
    revenue_30 INTEGER NOT NULL,
    revenue_30_high INTEGER NOT NULL,
    revenue_60 INTEGER NOT NULL,
    revenue_60_high INTEGER NOT NULL,
    revenue_90 INTEGER NOT NULL,
    revenue_90_high INTEGER NOT NULL,
    revenue_180 INTEGER NOT NULL,
    revenue_180_high INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach, currency)
) WITHOUT ROWID;

-- A first touch adds to the roll-ups; a changed one moves its share.
CREATE TRIGGER lead_first_touches_after_insert AFTER INSERT ON lead_first_touches
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END,
           1, (t.moved_after < 604800000), (t.moved_after < 1209600000), (t.moved_after < 2592000000), (t.moved_after < 5184000000), (t.moved_after < 7776000000), (t.moved_after < 15552000000), (t.won_after < 604800000), (t.won_after < 1209600000), (t.won_after < 2592000000), (t.won_after < 5184000000), (t.won_after < 7776000000), (t.won_after < 15552000000)
    FROM (SELECT CASE WHEN NEW.lead_live AND NEW.forward_at IS NOT NULL THEN CAST((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live AND NEW.lead_won AND NEW.won_at IS NOT NULL THEN CAST((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = reached + excluded.reached, moved_7 = moved_7 + excluded.moved_7, moved_14 = moved_14 + excluded.moved_14, moved_30 = moved_30 + excluded.moved_30, moved_60 = moved_60 + excluded.moved_60, moved_90 = moved_90 + excluded.moved_90, moved_180 = moved_180 + excluded.moved_180, won_7 = won_7 + excluded.won_7, won_14 = won_14 + excluded.won_14, won_30 = won_30 + excluded.won_30, won_60 = won_60 + excluded.won_60, won_90 = won_90 + excluded.won_90, won_180 = won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END, NEW.currency,
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN NEW.lead_live AND NEW.forward_at IS NOT NULL THEN CAST((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live AND NEW.lead_won AND NEW.won_at IS NOT NULL THEN CAST((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL) AND NEW.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = revenue_7 + excluded.revenue_7, revenue_7_high = revenue_7_high + excluded.revenue_7_high, revenue_14 = revenue_14 + excluded.revenue_14, revenue_14_high = revenue_14_high + excluded.revenue_14_high, revenue_30 = revenue_30 + excluded.revenue_30, revenue_30_high = revenue_30_high + excluded.revenue_30_high, revenue_60 = revenue_60 + excluded.revenue_60, revenue_60_high = revenue_60_high + excluded.revenue_60_high, revenue_90 = revenue_90 + excluded.revenue_90, revenue_90_high = revenue_90_high + excluded.revenue_90_high, revenue_180 = revenue_180 + excluded.revenue_180, revenue_180_high = revenue_180_high + excluded.revenue_180_high;
END;

CREATE TRIGGER lead_first_touches_after_delete AFTER DELETE ON lead_first_touches
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END,
           -1, -(t.moved_after < 604800000), -(t.moved_after < 1209600000), -(t.moved_after < 2592000000), -(t.moved_after < 5184000000), -(t.moved_after < 7776000000), -(t.moved_after < 15552000000), -(t.won_after < 604800000), -(t.won_after < 1209600000), -(t.won_after < 2592000000), -(t.won_after < 5184000000), -(t.won_after < 7776000000), -(t.won_after < 15552000000)
    FROM (SELECT CASE WHEN OLD.lead_live AND OLD.forward_at IS NOT NULL THEN CAST((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live AND OLD.lead_won AND OLD.won_at IS NOT NULL THEN CAST((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = reached + excluded.reached, moved_7 = moved_7 + excluded.moved_7, moved_14 = moved_14 + excluded.moved_14, moved_30 = moved_30 + excluded.moved_30, moved_60 = moved_60 + excluded.moved_60, moved_90 = moved_90 + excluded.moved_90, moved_180 = moved_180 + excluded.moved_180, won_7 = won_7 + excluded.won_7, won_14 = won_14 + excluded.won_14, won_30 = won_30 + excluded.won_30, won_60 = won_60 + excluded.won_60, won_90 = won_90 + excluded.won_90, won_180 = won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END, OLD.currency,
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN OLD.lead_live AND OLD.forward_at IS NOT NULL THEN CAST((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live AND OLD.lead_won AND OLD.won_at IS NOT NULL THEN CAST((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL) AND OLD.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = revenue_7 + excluded.revenue_7, revenue_7_high = revenue_7_high + excluded.revenue_7_high, revenue_14 = revenue_14 + excluded.revenue_14, revenue_14_high = revenue_14_high + excluded.revenue_14_high, revenue_30 = revenue_30 + excluded.revenue_30, revenue_30_high = revenue_30_high + excluded.revenue_30_high, revenue_60 = revenue_60 + excluded.revenue_60, revenue_60_high = revenue_60_high + excluded.revenue_60_high, revenue_90 = revenue_90 + excluded.revenue_90, revenue_90_high = revenue_90_high + excluded.revenue_90_high, revenue_180 = revenue_180 + excluded.revenue_180, revenue_180_high = revenue_180_high + excluded.revenue_180_high;
END;

CREATE TRIGGER lead_first_touches_after_update AFTER UPDATE ON lead_first_touches
WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.day IS NOT NEW.day OR OLD.occurred_at IS NOT NEW.occurred_at
  OR OLD.forward_at IS NOT NEW.forward_at OR OLD.won_at IS NOT NEW.won_at OR OLD.lead_live IS NOT NEW.lead_live
  OR OLD.lead_won IS NOT NEW.lead_won OR OLD.source IS NOT NEW.source OR OLD.currency IS NOT NEW.currency
  OR OLD.won_amount IS NOT NEW.won_amount
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END,
           -1, -(t.moved_after < 604800000), -(t.moved_after < 1209600000), -(t.moved_after < 2592000000), -(t.moved_after < 5184000000), -(t.moved_after < 7776000000), -(t.moved_after < 15552000000), -(t.won_after < 604800000), -(t.won_after < 1209600000), -(t.won_after < 2592000000), -(t.won_after < 5184000000), -(t.won_after < 7776000000), -(t.won_after < 15552000000)
    FROM (SELECT CASE WHEN OLD.lead_live AND OLD.forward_at IS NOT NULL THEN CAST((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live AND OLD.lead_won AND OLD.won_at IS NOT NULL THEN CAST((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = reached + excluded.reached, moved_7 = moved_7 + excluded.moved_7, moved_14 = moved_14 + excluded.moved_14, moved_30 = moved_30 + excluded.moved_30, moved_60 = moved_60 + excluded.moved_60, moved_90 = moved_90 + excluded.moved_90, moved_180 = moved_180 + excluded.moved_180, won_7 = won_7 + excluded.won_7, won_14 = won_14 + excluded.won_14, won_30 = won_30 + excluded.won_30, won_60 = won_60 + excluded.won_60, won_90 = won_90 + excluded.won_90, won_180 = won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END, OLD.currency,
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN OLD.lead_live AND OLD.forward_at IS NOT NULL THEN CAST((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live AND OLD.lead_won AND OLD.won_at IS NOT NULL THEN CAST((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL) AND OLD.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = revenue_7 + excluded.revenue_7, revenue_7_high = revenue_7_high + excluded.revenue_7_high, revenue_14 = revenue_14 + excluded.revenue_14, revenue_14_high = revenue_14_high + excluded.revenue_14_high, revenue_30 = revenue_30 + excluded.revenue_30, revenue_30_high = revenue_30_high + excluded.revenue_30_high, revenue_60 = revenue_60 + excluded.revenue_60, revenue_60_high = revenue_60_high + excluded.revenue_60_high, revenue_90 = revenue_90 + excluded.revenue_90, revenue_90_high = revenue_90_high + excluded.revenue_90_high, revenue_180 = revenue_180 + excluded.revenue_180, revenue_180_high = revenue_180_high + excluded.revenue_180_high;
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END,
           1, (t.moved_after < 604800000), (t.moved_after < 1209600000), (t.moved_after < 2592000000), (t.moved_after < 5184000000), (t.moved_after < 7776000000), (t.moved_after < 15552000000), (t.won_after < 604800000), (t.won_after < 1209600000), (t.won_after < 2592000000), (t.won_after < 5184000000), (t.won_after < 7776000000), (t.won_after < 15552000000)
    FROM (SELECT CASE WHEN NEW.lead_live AND NEW.forward_at IS NOT NULL THEN CAST((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live AND NEW.lead_won AND NEW.won_at IS NOT NULL THEN CAST((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = reached + excluded.reached, moved_7 = moved_7 + excluded.moved_7, moved_14 = moved_14 + excluded.moved_14, moved_30 = moved_30 + excluded.moved_30, moved_60 = moved_60 + excluded.moved_60, moved_90 = moved_90 + excluded.moved_90, moved_180 = moved_180 + excluded.moved_180, won_7 = won_7 + excluded.won_7, won_14 = won_14 + excluded.won_14, won_30 = won_30 + excluded.won_30, won_60 = won_60 + excluded.won_60, won_90 = won_90 + excluded.won_90, won_180 = won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END, NEW.currency,
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN NEW.lead_live AND NEW.forward_at IS NOT NULL THEN CAST((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live AND NEW.lead_won AND NEW.won_at IS NOT NULL THEN CAST((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5 AS INTEGER) ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL) AND NEW.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = revenue_7 + excluded.revenue_7, revenue_7_high = revenue_7_high + excluded.revenue_7_high, revenue_14 = revenue_14 + excluded.revenue_14, revenue_14_high = revenue_14_high + excluded.revenue_14_high, revenue_30 = revenue_30 + excluded.revenue_30, revenue_30_high = revenue_30_high + excluded.revenue_30_high, revenue_60 = revenue_60 + excluded.revenue_60, revenue_60_high = revenue_60_high + excluded.revenue_60_high, revenue_90 = revenue_90 + excluded.revenue_90, revenue_90_high = revenue_90_high + excluded.revenue_90_high, revenue_180 = revenue_180 + excluded.revenue_180, revenue_180_high = revenue_180_high + excluded.revenue_180_high;
END;

-- What is there today (the triggers above fill the reach and revenue).
CREATE TEMP TABLE touches_today AS
SELECT a.id, a.lead_id, a.owner_id, a.occurred_at, a.tactic, a.kind,
       date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS local_day,
       COALESCE(l.deleted = 0, 0) AS lead_live, COALESCE(l.stage = 'won', 0) AS lead_won,
       l.source, l.currency, l.won_amount
FROM activities a LEFT JOIN leads l ON l.id = a.lead_id
WHERE a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL;

INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
SELECT owner_id, local_day, grouping, approach, COUNT(*) FROM (
    SELECT owner_id, local_day, 'tactic' AS grouping, tactic AS approach FROM touches_today
    UNION ALL SELECT owner_id, local_day, 'kind', kind FROM touches_today
    UNION ALL SELECT owner_id, local_day, 'source', source FROM touches_today WHERE source IS NOT NULL
) GROUP BY owner_id, local_day, grouping, approach;

INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
SELECT lead_id, grouping, approach, id, owner_id, occurred_at, local_day,
       (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = ranked.lead_id
          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= ranked.occurred_at),
       (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = ranked.lead_id
          AND m.to_stage = 'won' AND m.moved_at >= ranked.occurred_at),
       lead_live, lead_won, source, currency, won_amount
FROM (
    SELECT t.*, ROW_NUMBER() OVER (PARTITION BY lead_id, grouping, approach ORDER BY occurred_at, id) AS place
    FROM (
        SELECT *, 'tactic' AS grouping, tactic AS approach FROM touches_today WHERE lead_id IS NOT NULL
        UNION ALL SELECT *, 'kind', kind FROM touches_today WHERE lead_id IS NOT NULL
        UNION ALL SELECT *, 'lead', '' FROM touches_today WHERE lead_id IS NOT NULL
    ) t
) ranked
WHERE place = 1;

DROP TABLE touches_today;

-- Activities: counted by tactic, type and the lead's source; a first touch
-- found again when one goes, taken over when one comes earlier. (The order
-- in which SQLite fires these does not matter: the repair reads the rows as
-- they are now, the take-over only ever moves a first touch earlier.)
CREATE TRIGGER approach_days_after_activity_insert AFTER INSERT ON activities
WHEN NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT NEW.owner_id, date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), g.grouping, g.approach, 1
    FROM (SELECT 'tactic' AS grouping, NEW.tactic AS approach UNION ALL SELECT 'kind', NEW.kind
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = NEW.lead_id)) g
    WHERE NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
END;

CREATE TRIGGER lead_first_touches_after_activity_insert AFTER INSERT ON activities
WHEN NEW.lead_id IS NOT NULL AND NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'tactic' AND f.approach = NEW.tactic AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'kind' AND f.approach = NEW.kind AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'lead' AND f.approach = '' AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id))))
BEGIN
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT NEW.lead_id, g.grouping, g.approach, NEW.id, NEW.owner_id, NEW.occurred_at, x.day,
           x.forward_at, x.won_at, x.lead_live, x.lead_won, x.source, x.currency, x.won_amount
    FROM (SELECT date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS day,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= NEW.occurred_at) AS forward_at,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND m.to_stage = 'won' AND m.moved_at >= NEW.occurred_at) AS won_at,
                 COALESCE(l.deleted = 0, 0) AS lead_live, COALESCE(l.stage = 'won', 0) AS lead_won,
                 l.source, l.currency, l.won_amount
          FROM (SELECT 1) LEFT JOIN leads l ON l.id = NEW.lead_id LIMIT 1) x
    JOIN (SELECT 'tactic' AS grouping, NEW.tactic AS approach UNION ALL SELECT 'kind', NEW.kind UNION ALL SELECT 'lead', '') g
    WHERE true
    ON CONFLICT (lead_id, grouping, approach) DO UPDATE SET activity_id = excluded.activity_id, owner_id = excluded.owner_id, occurred_at = excluded.occurred_at, day = excluded.day, forward_at = excluded.forward_at, won_at = excluded.won_at, lead_live = excluded.lead_live, lead_won = excluded.lead_won, source = excluded.source, currency = excluded.currency, won_amount = excluded.won_amount
    WHERE excluded.occurred_at < lead_first_touches.occurred_at
       OR (excluded.occurred_at = lead_first_touches.occurred_at AND excluded.activity_id < lead_first_touches.activity_id);
END;

CREATE TRIGGER approach_days_after_activity_delete AFTER DELETE ON activities
WHEN OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT OLD.owner_id, date(OLD.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), g.grouping, g.approach, -1
    FROM (SELECT 'tactic' AS grouping, OLD.tactic AS approach UNION ALL SELECT 'kind', OLD.kind
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = OLD.lead_id)) g
    WHERE OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
END;

CREATE TRIGGER lead_first_touches_after_activity_delete AFTER DELETE ON activities
WHEN EXISTS (SELECT 1 FROM lead_first_touches WHERE activity_id = OLD.id)
BEGIN
    DELETE FROM lead_first_touches WHERE activity_id = OLD.id;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT a.lead_id, g.grouping, g.approach, a.id, a.owner_id, a.occurred_at, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= a.occurred_at),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND m.to_stage = 'won' AND m.moved_at >= a.occurred_at),
           COALESCE(l.deleted = 0, 0), COALESCE(l.stage = 'won', 0), l.source, l.currency, l.won_amount
    FROM (SELECT 'tactic' AS grouping, OLD.tactic AS approach UNION ALL SELECT 'kind', OLD.kind UNION ALL SELECT 'lead', '') g
    JOIN activities a ON a.id = (
        SELECT b.id FROM activities b WHERE b.lead_id = OLD.lead_id AND b.deleted = 0 AND b.kind <> 'task' AND b.occurred_at IS NOT NULL
          AND (g.grouping = 'lead' OR (g.grouping = 'tactic' AND b.tactic = g.approach)
               OR (g.grouping = 'kind' AND b.kind = g.approach))
        ORDER BY b.occurred_at, b.id LIMIT 1)
    LEFT JOIN leads l ON l.id = a.lead_id
    WHERE OLD.lead_id IS NOT NULL
    ON CONFLICT (lead_id, grouping, approach) DO NOTHING;
END;

CREATE TRIGGER approach_days_after_activity_update
AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT OLD.owner_id, date(OLD.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = OLD.owner_id AND z.from_utc <= OLD.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), g.grouping, g.approach, -1
    FROM (SELECT 'tactic' AS grouping, OLD.tactic AS approach UNION ALL SELECT 'kind', OLD.kind
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = OLD.lead_id)) g
    WHERE OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT NEW.owner_id, date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'), g.grouping, g.approach, 1
    FROM (SELECT 'tactic' AS grouping, NEW.tactic AS approach UNION ALL SELECT 'kind', NEW.kind
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = NEW.lead_id)) g
    WHERE NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
END;

CREATE TRIGGER lead_first_touches_after_activity_update
AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities
WHEN EXISTS (SELECT 1 FROM lead_first_touches WHERE activity_id = OLD.id)
BEGIN
    DELETE FROM lead_first_touches WHERE activity_id = OLD.id;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT a.lead_id, g.grouping, g.approach, a.id, a.owner_id, a.occurred_at, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes'),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= a.occurred_at),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND m.to_stage = 'won' AND m.moved_at >= a.occurred_at),
           COALESCE(l.deleted = 0, 0), COALESCE(l.stage = 'won', 0), l.source, l.currency, l.won_amount
    FROM (SELECT 'tactic' AS grouping, OLD.tactic AS approach UNION ALL SELECT 'kind', OLD.kind UNION ALL SELECT 'lead', '') g
    JOIN activities a ON a.id = (
        SELECT b.id FROM activities b WHERE b.lead_id = OLD.lead_id AND b.deleted = 0 AND b.kind <> 'task' AND b.occurred_at IS NOT NULL
          AND (g.grouping = 'lead' OR (g.grouping = 'tactic' AND b.tactic = g.approach)
               OR (g.grouping = 'kind' AND b.kind = g.approach))
        ORDER BY b.occurred_at, b.id LIMIT 1)
    LEFT JOIN leads l ON l.id = a.lead_id
    WHERE OLD.lead_id IS NOT NULL
    ON CONFLICT (lead_id, grouping, approach) DO NOTHING;
END;

CREATE TRIGGER lead_first_touches_after_activity_update_earlier
AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities
WHEN NEW.lead_id IS NOT NULL AND NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'tactic' AND f.approach = NEW.tactic AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'kind' AND f.approach = NEW.kind AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'lead' AND f.approach = '' AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id))))
BEGIN
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT NEW.lead_id, g.grouping, g.approach, NEW.id, NEW.owner_id, NEW.occurred_at, x.day,
           x.forward_at, x.won_at, x.lead_live, x.lead_won, x.source, x.currency, x.won_amount
    FROM (SELECT date(NEW.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = NEW.owner_id AND z.from_utc <= NEW.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS day,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= NEW.occurred_at) AS forward_at,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND m.to_stage = 'won' AND m.moved_at >= NEW.occurred_at) AS won_at,
                 COALESCE(l.deleted = 0, 0) AS lead_live, COALESCE(l.stage = 'won', 0) AS lead_won,
                 l.source, l.currency, l.won_amount
          FROM (SELECT 1) LEFT JOIN leads l ON l.id = NEW.lead_id LIMIT 1) x
    JOIN (SELECT 'tactic' AS grouping, NEW.tactic AS approach UNION ALL SELECT 'kind', NEW.kind UNION ALL SELECT 'lead', '') g
    WHERE true
    ON CONFLICT (lead_id, grouping, approach) DO UPDATE SET activity_id = excluded.activity_id, owner_id = excluded.owner_id, occurred_at = excluded.occurred_at, day = excluded.day, forward_at = excluded.forward_at, won_at = excluded.won_at, lead_live = excluded.lead_live, lead_won = excluded.lead_won, source = excluded.source, currency = excluded.currency, won_amount = excluded.won_amount
    WHERE excluded.occurred_at < lead_first_touches.occurred_at
       OR (excluded.occurred_at = lead_first_touches.occurred_at AND excluded.activity_id < lead_first_touches.activity_id);
END;

-- Leads: their state rides on their first touches; a new source takes the
-- lead's activities with it.
CREATE TRIGGER approach_days_after_lead_update
AFTER UPDATE OF deleted, stage, source, currency, won_amount ON leads
WHEN OLD.deleted <> NEW.deleted OR (OLD.stage = 'won') <> (NEW.stage = 'won') OR OLD.source IS NOT NEW.source
  OR OLD.currency IS NOT NEW.currency OR OLD.won_amount IS NOT NEW.won_amount
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS local_day, 'source', OLD.source, -COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND OLD.source IS NOT NULL AND OLD.source IS NOT NEW.source
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS local_day, 'source', NEW.source, COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND NEW.source IS NOT NULL AND OLD.source IS NOT NEW.source
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = NEW.deleted = 0, lead_won = NEW.stage = 'won', source = NEW.source,
        currency = NEW.currency, won_amount = NEW.won_amount
    WHERE lead_id = NEW.id;
END;

CREATE TRIGGER approach_days_after_lead_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS local_day, 'source', NEW.source, COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND NEW.source IS NOT NULL
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = NEW.deleted = 0, lead_won = NEW.stage = 'won', source = NEW.source,
        currency = NEW.currency, won_amount = NEW.won_amount
    WHERE lead_id = NEW.id;
END;

CREATE TRIGGER approach_days_after_lead_delete AFTER DELETE ON leads
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, date(a.occurred_at, COALESCE((SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id WHERE u.id = a.owner_id AND z.from_utc <= a.occurred_at ORDER BY z.from_utc DESC LIMIT 1), 0) || ' minutes') AS local_day, 'source', OLD.source, -COUNT(*)
    FROM activities a WHERE a.lead_id = OLD.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND OLD.source IS NOT NULL
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = 0, lead_won = 0, source = NULL, currency = NULL, won_amount = NULL
    WHERE lead_id = OLD.id;
END;

-- Stage moves: a move may be the outcome of touches before it.
CREATE TRIGGER approach_days_after_stage_move_insert AFTER INSERT ON stage_moves
WHEN NEW.forward = 1 OR NEW.to_stage = 'won'
BEGIN
    UPDATE lead_first_touches SET
        forward_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= lead_first_touches.occurred_at),
        won_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                      AND m.to_stage = 'won' AND m.moved_at >= lead_first_touches.occurred_at)
    WHERE lead_id = NEW.lead_id AND occurred_at <= NEW.moved_at
      AND (forward_at IS NULL OR forward_at > NEW.moved_at
           OR (NEW.to_stage = 'won' AND (won_at IS NULL OR won_at > NEW.moved_at)));
END;

CREATE TRIGGER approach_days_after_stage_move_delete AFTER DELETE ON stage_moves
WHEN OLD.forward = 1 OR OLD.to_stage = 'won'
BEGIN
    UPDATE lead_first_touches SET
        forward_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= lead_first_touches.occurred_at),
        won_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                      AND m.to_stage = 'won' AND m.moved_at >= lead_first_touches.occurred_at)
    WHERE lead_id = OLD.lead_id AND (forward_at = OLD.moved_at OR won_at = OLD.moved_at);
END;
