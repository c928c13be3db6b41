-- A team's budget (issue 15): planned amounts per category and period
-- (`budget_lines`) and spending entries against them (`budget_spending`).
-- The costs of the team's events count on its "events" lines when read
-- (they are not copied here). Amounts in minor units of the line's currency.
-- Never edit once landed: add a new migration.
CREATE TABLE budget_lines (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    category TEXT NOT NULL CHECK (category IN ('events', 'travel', 'incentives', 'tools', 'other')),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    planned INTEGER NOT NULL CHECK (planned >= 0),
    currency TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    CHECK (period_start <= period_end)
);
CREATE INDEX budget_lines_team ON budget_lines (team_id, deleted, period_start);

CREATE TABLE budget_spending (
    id TEXT PRIMARY KEY,
    line_id TEXT NOT NULL REFERENCES budget_lines(id),
    spent_on TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX budget_spending_line ON budget_spending (line_id);
