-- The stages each closed deal passed through (issue 12's forecast), kept
-- exact by triggers, so a team's stage win rates over a year are one index
-- range of small rows instead of a join of every closed deal with its
-- moves (p50 576 ms on 200,000 leads; see BENCHMARKS.md). One row per
-- closed, live lead and stage it reached (from `stage_moves`, plus the stage
-- it left when it closed), keyed by owner and close day, with whether it
-- was won. Never edit once landed: add a new migration.
CREATE TABLE closed_lead_paths (
    lead_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    day TEXT NOT NULL,
    won INTEGER NOT NULL,
    PRIMARY KEY (lead_id, stage)
) WITHOUT ROWID;
CREATE INDEX closed_lead_paths_owner_day ON closed_lead_paths (owner_id, day, stage, won);

INSERT INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
SELECT DISTINCT l.id, reached.stage, l.owner_id, substr(l.closed_at, 1, 10), l.stage = 'won'
FROM leads l JOIN (
    SELECT lead_id, from_stage AS stage FROM stage_moves WHERE from_stage IS NOT NULL
    UNION SELECT lead_id, to_stage FROM stage_moves
) reached ON reached.lead_id = l.id
WHERE l.deleted = 0 AND l.closed_at IS NOT NULL AND l.stage IN ('won', 'lost');

CREATE TRIGGER closed_lead_paths_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
BEGIN
    INSERT OR IGNORE INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    VALUES (NEW.id, NEW.stage, NEW.owner_id, substr(NEW.closed_at, 1, 10), NEW.stage = 'won');
END;

CREATE TRIGGER closed_lead_paths_after_update
AFTER UPDATE OF owner_id, stage, closed_at, deleted ON leads
BEGIN
    DELETE FROM closed_lead_paths WHERE lead_id = NEW.id;
    INSERT OR IGNORE INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    SELECT NEW.id, reached.stage, NEW.owner_id, substr(NEW.closed_at, 1, 10), NEW.stage = 'won'
    FROM (
        SELECT from_stage AS stage FROM stage_moves WHERE lead_id = NEW.id AND from_stage IS NOT NULL
        UNION SELECT to_stage FROM stage_moves WHERE lead_id = NEW.id
        UNION SELECT OLD.stage
        UNION SELECT NEW.stage
    ) reached
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost');
END;

CREATE TRIGGER closed_lead_paths_after_delete AFTER DELETE ON leads
BEGIN
    DELETE FROM closed_lead_paths WHERE lead_id = OLD.id;
END;
