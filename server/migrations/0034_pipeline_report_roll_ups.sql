-- The pipeline report (issue 12) read from rows kept exact by triggers, so
-- it stays under 50 ms on 200,000 leads (BENCHMARKS.md): each stage move
-- knows whether its lead is live and whether the lead went on out of the
-- stage it entered (the funnel no longer joins `leads` or looks for later
-- moves), the stale-deal totals read one covering index, and the stage win
-- rates read per owner, day and stage counts instead of one row per closed
-- deal and stage. Never edit once landed: add a new migration.

-- Stale deals: every column the stale condition and the totals need.
CREATE INDEX open_lead_attention_stale
    ON open_lead_attention (owner_id, quiet_since, stage, stage_since, currency, value);
DROP INDEX open_lead_attention_quiet;

-- Stage moves: `lead_live` is 1 while the lead is not deleted; `went_on`
-- is 1 once the lead has moved forward out of `to_stage` at or after
-- `moved_at` (what the funnel counted with a lookup per move).
ALTER TABLE stage_moves ADD COLUMN lead_live INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stage_moves ADD COLUMN went_on INTEGER NOT NULL DEFAULT 0;
UPDATE stage_moves SET
    lead_live = COALESCE((SELECT deleted = 0 FROM leads WHERE id = stage_moves.lead_id), 0),
    went_on = EXISTS (SELECT 1 FROM stage_moves later WHERE later.lead_id = stage_moves.lead_id
                        AND later.from_stage = stage_moves.to_stage AND later.forward = 1
                        AND later.moved_at >= stage_moves.moved_at);
CREATE INDEX stage_moves_owner_report
    ON stage_moves (owner_id, moved_at, lead_live, to_stage, went_on, from_stage, entered_from_at);
DROP INDEX stage_moves_owner;

-- A move, whenever it arrives (offline work lands late and out of order):
-- it may have gone on already, and it may be the going-on of earlier ones.
CREATE TRIGGER stage_moves_report_after_insert AFTER INSERT ON stage_moves
BEGIN
    UPDATE stage_moves SET
        lead_live = COALESCE((SELECT deleted = 0 FROM leads WHERE id = NEW.lead_id), 0),
        went_on = EXISTS (SELECT 1 FROM stage_moves later WHERE later.lead_id = NEW.lead_id
                            AND later.from_stage = NEW.to_stage AND later.forward = 1
                            AND later.moved_at >= NEW.moved_at)
    WHERE rowid = NEW.rowid;
    UPDATE stage_moves SET went_on = 1
    WHERE NEW.forward = 1 AND NEW.from_stage IS NOT NULL AND lead_id = NEW.lead_id
      AND to_stage = NEW.from_stage AND moved_at <= NEW.moved_at AND went_on = 0;
END;

CREATE TRIGGER stage_moves_lead_live_after_update AFTER UPDATE OF deleted ON leads
WHEN NEW.deleted <> OLD.deleted
BEGIN
    UPDATE stage_moves SET lead_live = NEW.deleted = 0 WHERE lead_id = NEW.id;
END;

-- Stage win rates: per owner, close day and stage, the closed deals that
-- reached the stage and how many of them were won.
CREATE TABLE closed_stage_days (
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    stage TEXT NOT NULL,
    closed INTEGER NOT NULL,
    won INTEGER NOT NULL,
    PRIMARY KEY (owner_id, day, stage)
) WITHOUT ROWID;

INSERT INTO closed_stage_days (owner_id, day, stage, closed, won)
SELECT owner_id, day, stage, COUNT(*), SUM(won) FROM closed_lead_paths GROUP BY owner_id, day, stage;

CREATE TRIGGER closed_stage_days_after_insert AFTER INSERT ON closed_lead_paths
BEGIN
    INSERT INTO closed_stage_days (owner_id, day, stage, closed, won)
    VALUES (NEW.owner_id, NEW.day, NEW.stage, 1, NEW.won)
    ON CONFLICT (owner_id, day, stage) DO UPDATE SET closed = closed + 1, won = won + excluded.won;
END;

CREATE TRIGGER closed_stage_days_after_delete AFTER DELETE ON closed_lead_paths
BEGIN
    UPDATE closed_stage_days SET closed = closed - 1, won = won - OLD.won
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage;
    DELETE FROM closed_stage_days
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage AND closed = 0;
END;

CREATE TRIGGER closed_stage_days_after_update AFTER UPDATE OF owner_id, day, stage, won ON closed_lead_paths
BEGIN
    UPDATE closed_stage_days SET closed = closed - 1, won = won - OLD.won
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage;
    DELETE FROM closed_stage_days
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage AND closed = 0;
    INSERT INTO closed_stage_days (owner_id, day, stage, closed, won)
    VALUES (NEW.owner_id, NEW.day, NEW.stage, 1, NEW.won)
    ON CONFLICT (owner_id, day, stage) DO UPDATE SET closed = closed + 1, won = won + excluded.won;
END;
