-- Headcount plans (issue 15): how many reps a team means to have in a
-- period, beside how many it has. One row per plan; the actual count is
-- read from the team's active reps when shown. Never edit once landed.
CREATE TABLE headcount_plans (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    planned INTEGER NOT NULL CHECK (planned BETWEEN 0 AND 10000),
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX headcount_plans_team ON headcount_plans (team_id, period_start);
