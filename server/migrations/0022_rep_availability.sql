-- When a rep can take leads (issue 15): a manager marks absences (from and
-- to, whole days of the team's calendar, both included) and sets how many
-- open leads a rep can carry. Distribution skips a rep whose absence covers
-- the team's today and, by the "capacity" rule, fills reps in proportion to
-- their capacity (NULL: the team's usual, `availability::USUAL_CAPACITY`).
-- Never edit once landed: add a new migration.
ALTER TABLE users ADD COLUMN lead_capacity INTEGER
    CHECK (lead_capacity IS NULL OR lead_capacity BETWEEN 1 AND 10000);

CREATE TABLE absences (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX absences_user_end ON absences (user_id, ends_on);
