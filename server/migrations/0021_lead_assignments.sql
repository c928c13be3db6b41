-- Who was given which lead, by whom, by which rule, and when (issue 15):
-- every lead an import or a distribution hands out leaves a row here, shown
-- on the lead's timeline. The newest round-robin row of a team says whose
-- turn comes next, so the round continues from one batch to the next.
-- `batch` groups the rows of one action (one import, one distribution).
-- Never edit once landed: add a new migration.
CREATE TABLE lead_assignments (
    id TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    from_user_id TEXT REFERENCES users(id),
    to_user_id TEXT NOT NULL REFERENCES users(id),
    rule TEXT NOT NULL CHECK (rule IN ('chosen', 'round_robin', 'least_busy', 'weighted')),
    batch TEXT NOT NULL,
    assigned_by TEXT NOT NULL REFERENCES users(id),
    assigned_at TEXT NOT NULL
);
CREATE INDEX lead_assignments_lead ON lead_assignments (lead_id);
CREATE INDEX lead_assignments_team_rule ON lead_assignments (team_id, rule);
