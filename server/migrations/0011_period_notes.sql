-- The manager's note on a period, printed with the leadership summary
-- (issue 12): one per team and period, kept with who wrote it last and
-- when. Never edit once landed: add a new migration.
CREATE TABLE period_notes (
    team_id TEXT NOT NULL REFERENCES teams(id),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (team_id, period_start, period_end)
) WITHOUT ROWID;
