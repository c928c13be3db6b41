-- Open pipeline per rep, stage and currency (issue 12), kept exact by
-- triggers like the daily roll-ups of migration 0006, so the team
-- dashboard reads a few hundred small rows instead of every open lead (a
-- 50-rep team with 140,000 open deals took p95 64 ms by index; see
-- BENCHMARKS.md). Never edit once landed: add a new migration.
CREATE TABLE open_pipeline (
    owner_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    currency TEXT NOT NULL,
    deals INTEGER NOT NULL DEFAULT 0,
    value INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, stage, currency)
) WITHOUT ROWID;

INSERT INTO open_pipeline (owner_id, stage, currency, deals, value)
SELECT owner_id, stage, currency, COUNT(*), SUM(estimated_value)
FROM leads WHERE deleted = 0 AND stage NOT IN ('won', 'lost')
GROUP BY owner_id, stage, currency;

CREATE TRIGGER open_pipeline_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
BEGIN
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value)
    VALUES (NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value)
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = deals + 1, value = value + excluded.value;
END;

CREATE TRIGGER open_pipeline_after_update
AFTER UPDATE OF owner_id, stage, currency, estimated_value, deleted ON leads
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value
    WHERE OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value)
    SELECT NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value
    WHERE NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = deals + 1, value = value + excluded.value;
END;

CREATE TRIGGER open_pipeline_after_delete AFTER DELETE ON leads
WHEN OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value
    WHERE owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
END;
