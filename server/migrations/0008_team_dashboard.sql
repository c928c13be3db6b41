-- The manager's team dashboard (issue 12). Never edit once landed: add a
-- new migration.

-- Data freshness: when each device last pulled (a push already moves
-- `updated_at`), and whether its last push left work waiting (it stopped at
-- a gap, or was a full batch with more behind it), so a manager knows whose
-- numbers are not all in yet.
ALTER TABLE sync_clients ADD COLUMN last_pulled_at TEXT;
ALTER TABLE sync_clients ADD COLUMN last_push_left_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sync_clients_user ON sync_clients (user_id);

-- "Today" and "this week" per rep by type: range scans per owner over the
-- time something happened (or, for tasks, was done), never a table scan.
CREATE INDEX activities_owner_occurred ON activities (owner_id, occurred_at, kind) WHERE deleted = 0;
CREATE INDEX activities_owner_done ON activities (owner_id, done_at) WHERE deleted = 0 AND kind = 'task';

-- Open pipeline per rep and stage, read from the index alone.
CREATE INDEX leads_owner_stage ON leads (owner_id, stage, currency, estimated_value) WHERE deleted = 0;
