-- Which open deals need attention (issue 12's stale deals), kept exact by
-- triggers so the pipeline report reads the quietest few per rep by index
-- instead of every open lead with its activities (140,000 open deals took
-- 6.6 s that way; see BENCHMARKS.md). One row per open, live lead: its
-- owner, stage, value, when it entered the stage, its last activity (not
-- tasks) and `quiet_since`, the last activity or, never touched, the stage
-- entry. Never edit once landed: add a new migration.
CREATE TABLE open_lead_attention (
    lead_id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    currency TEXT NOT NULL,
    value INTEGER NOT NULL,
    stage_since TEXT NOT NULL,
    last_touched_at TEXT,
    quiet_since TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX open_lead_attention_quiet ON open_lead_attention (owner_id, quiet_since);
CREATE INDEX activities_lead_occurred ON activities (lead_id, occurred_at) WHERE deleted = 0 AND kind <> 'task';

INSERT INTO open_lead_attention (lead_id, owner_id, stage, currency, value, stage_since, last_touched_at, quiet_since)
SELECT id, owner_id, stage, currency, estimated_value, since, touched, COALESCE(touched, since) FROM (
    SELECT l.id, l.owner_id, l.stage, l.currency, l.estimated_value,
           COALESCE((SELECT MAX(m.moved_at) FROM stage_moves m WHERE m.lead_id = l.id), l.created_at) AS since,
           (SELECT MAX(a.occurred_at) FROM activities a WHERE a.lead_id = l.id AND a.deleted = 0 AND a.kind <> 'task') AS touched
    FROM leads l WHERE l.deleted = 0 AND l.stage NOT IN ('won', 'lost')
);

CREATE TRIGGER open_lead_attention_after_insert AFTER INSERT ON leads
WHEN NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
BEGIN
    INSERT INTO open_lead_attention (lead_id, owner_id, stage, currency, value, stage_since, last_touched_at, quiet_since)
    SELECT NEW.id, NEW.owner_id, NEW.stage, NEW.currency, NEW.estimated_value, NEW.created_at, touched,
           COALESCE(touched, NEW.created_at)
    FROM (SELECT MAX(occurred_at) AS touched FROM activities
          WHERE lead_id = NEW.id AND deleted = 0 AND kind <> 'task')
    WHERE true
    ON CONFLICT (lead_id) DO NOTHING;
END;

CREATE TRIGGER open_lead_attention_after_update
AFTER UPDATE OF owner_id, stage, currency, estimated_value, deleted ON leads
BEGIN
    DELETE FROM open_lead_attention
    WHERE lead_id = NEW.id AND (NEW.deleted = 1 OR NEW.stage IN ('won', 'lost'));
    INSERT INTO open_lead_attention (lead_id, owner_id, stage, currency, value, stage_since, last_touched_at, quiet_since)
    SELECT NEW.id, NEW.owner_id, NEW.stage, NEW.currency, NEW.estimated_value, since, touched, COALESCE(touched, since)
    FROM (SELECT
            CASE WHEN NEW.stage <> OLD.stage OR OLD.deleted = 1 OR OLD.stage IN ('won', 'lost') THEN NEW.updated_at
                 ELSE COALESCE((SELECT stage_since FROM open_lead_attention WHERE lead_id = NEW.id), NEW.updated_at)
            END AS since,
            (SELECT MAX(occurred_at) FROM activities
             WHERE lead_id = NEW.id AND deleted = 0 AND kind <> 'task') AS touched)
    WHERE NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
    ON CONFLICT (lead_id) DO UPDATE SET owner_id = excluded.owner_id, stage = excluded.stage,
        currency = excluded.currency, value = excluded.value, stage_since = excluded.stage_since,
        last_touched_at = excluded.last_touched_at, quiet_since = excluded.quiet_since;
END;

CREATE TRIGGER open_lead_attention_after_delete AFTER DELETE ON leads
BEGIN
    DELETE FROM open_lead_attention WHERE lead_id = OLD.id;
END;

-- An activity on an open lead moves its last touch (and a deleted or moved
-- one may move it back).
CREATE TRIGGER open_lead_attention_after_activity_insert AFTER INSERT ON activities
WHEN NEW.lead_id IS NOT NULL
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = NEW.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = NEW.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id = NEW.lead_id;
END;

CREATE TRIGGER open_lead_attention_after_activity_update
AFTER UPDATE OF lead_id, kind, occurred_at, deleted ON activities
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = open_lead_attention.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = open_lead_attention.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
END;

CREATE TRIGGER open_lead_attention_after_activity_delete AFTER DELETE ON activities
WHEN OLD.lead_id IS NOT NULL
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = OLD.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = OLD.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id = OLD.lead_id;
END;
