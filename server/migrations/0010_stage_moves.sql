-- Every move of a lead between stages (issue 12), so reports can say which
-- tactics move leads forward, how long deals sit in each stage and how
-- often a deal that reached a stage was won. One row per move, written by
-- triggers in the transaction that writes the lead, like the roll-ups of
-- migrations 0006 and 0009. A lead's creation is its first move (from no
-- stage). A move's time is the lead's `updated_at` (when the server stored
-- it; an offline move counts when it synced), except a move into won or
-- lost, which takes the close time the rep gave. `entered_from_at` is when
-- the lead entered the stage it left, so time in a stage is one
-- subtraction. `forward` is true when the move goes further along the
-- pipeline (never into lost). The owner follows the lead on reassignment.
-- Never edit once landed: add a new migration.
CREATE TABLE stage_moves (
    lead_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    entered_from_at TEXT NOT NULL,
    moved_at TEXT NOT NULL,
    forward INTEGER NOT NULL
);
CREATE INDEX stage_moves_lead ON stage_moves (lead_id, moved_at);
CREATE INDEX stage_moves_owner ON stage_moves (owner_id, moved_at);

-- What is already there: the lead's creation, then its close when closed
-- (the stages between were not recorded before this migration).
INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
SELECT id, owner_id, NULL, CASE WHEN stage IN ('won', 'lost') AND closed_at IS NOT NULL THEN 'new' ELSE stage END,
       created_at, created_at, 0
FROM leads WHERE deleted = 0;

INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
SELECT id, owner_id, 'new', stage, created_at, closed_at, stage = 'won'
FROM leads WHERE deleted = 0 AND stage IN ('won', 'lost') AND closed_at IS NOT NULL;

CREATE TRIGGER stage_moves_after_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
    VALUES (NEW.id, NEW.owner_id, NULL, NEW.stage, NEW.created_at,
            CASE WHEN NEW.stage IN ('won', 'lost') THEN COALESCE(NEW.closed_at, NEW.created_at) ELSE NEW.created_at END,
            0);
END;

CREATE TRIGGER stage_moves_after_stage_update AFTER UPDATE OF stage ON leads
WHEN NEW.stage <> OLD.stage
BEGIN
    INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
    VALUES (NEW.id, NEW.owner_id, OLD.stage, NEW.stage,
            COALESCE((SELECT MAX(moved_at) FROM stage_moves WHERE lead_id = NEW.id), OLD.created_at),
            CASE WHEN NEW.stage IN ('won', 'lost') THEN COALESCE(NEW.closed_at, NEW.updated_at) ELSE NEW.updated_at END,
            NEW.stage <> 'lost'
              AND instr(',new,contacted,qualified,proposal,negotiation,won,', ',' || NEW.stage || ',')
                > instr(',new,contacted,qualified,proposal,negotiation,won,', ',' || OLD.stage || ','));
END;

CREATE TRIGGER stage_moves_after_owner_update AFTER UPDATE OF owner_id ON leads
WHEN NEW.owner_id <> OLD.owner_id
BEGIN
    UPDATE stage_moves SET owner_id = NEW.owner_id WHERE lead_id = NEW.id;
END;

CREATE TRIGGER stage_moves_after_delete AFTER DELETE ON leads
BEGIN
    DELETE FROM stage_moves WHERE lead_id = OLD.id;
END;
