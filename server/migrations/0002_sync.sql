-- Sync bookkeeping. Never edit once landed: add a new migration.

-- One row per browser profile that pushes: whose it is, and the last
-- mutation id applied, so a retried push applies nothing twice.
CREATE TABLE sync_clients (
    client_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    last_mutation_id INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Mutations that could never apply, with the reason (an AppError as JSON),
-- so the rep is told and the queue moves on.
CREATE TABLE rejected_mutations (
    client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
    mutation_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
);

-- Every field-level change to a lead made through sync: old and new value,
-- who made it, and whether it overwrote someone else's newer value (a
-- conflict), so no value a rep typed is ever lost.
CREATE TABLE lead_history (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id),
    field TEXT NOT NULL,
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users(id),
    conflict INTEGER NOT NULL DEFAULT 0,
    overwritten_user_id TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX lead_history_lead ON lead_history (lead_id, field);

-- Pulls read "rows of these owners changed after version N".
CREATE INDEX leads_owner_version ON leads (owner_id, version);
CREATE INDEX activities_owner_version ON activities (owner_id, version);
