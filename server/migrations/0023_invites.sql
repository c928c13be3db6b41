-- Invitations to join a team (issue 15): a manager creates a one-time
-- sign-up link for a named e-mail; the role and team are fixed by the
-- inviter. Only a hash of the link's secret is kept (like sessions). A link
-- works once, until `expires_at`, unless revoked. Never edit once landed.
CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL REFERENCES teams(id),
    role TEXT NOT NULL CHECK (role IN ('rep', 'manager')),
    email TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT REFERENCES users(id),
    revoked_at TEXT
);
CREATE INDEX invites_team ON invites (team_id, created_at);
