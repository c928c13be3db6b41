-- A lead that leaves someone's read scope (reassigned to another rep, or to
-- another team) must leave their devices too: pull sends these as
-- tombstones to the previous owner (user_id) and, when the team changed, to
-- the previous team's managers (team_id). Never edit once landed.
CREATE TABLE scope_exits (
    id INTEGER PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id),
    user_id TEXT REFERENCES users(id),
    team_id TEXT REFERENCES teams(id),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX scope_exits_user_version ON scope_exits (user_id, version);
CREATE INDEX scope_exits_team_version ON scope_exits (team_id, version);
