-- The unassigned lead pool and web-to-lead forms (issue 15).
--
-- A pool lead is a contact that has come in but belongs to nobody yet: a
-- submission of a team's public web form. It is not a lead (leads always
-- have an owner and sync to their owner's devices) until a manager hands
-- it to a rep or a rep of the team claims it; then `lead_id` names the lead
-- it became, and `taken_by` who distributed or claimed it. Discarded ones
-- (spam, duplicates) keep their row with `discarded_at`.
--
-- A web form is a public link with a random token, for one team; revoked
-- forms refuse submissions. `reps_may_claim` is the team's choice whether
-- its reps may take pool leads themselves. Never edit once landed.
CREATE TABLE web_forms (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL REFERENCES teams(id),
    title TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX web_forms_team ON web_forms (team_id, created_at);

CREATE TABLE pool_leads (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    message TEXT NOT NULL,
    web_form_id TEXT REFERENCES web_forms(id),
    received_at TEXT NOT NULL,
    lead_id TEXT REFERENCES leads(id),
    taken_by TEXT REFERENCES users(id),
    taken_at TEXT,
    discarded_at TEXT
);
-- The pool of a team: the waiting ones, oldest first.
CREATE INDEX pool_leads_waiting ON pool_leads (team_id, received_at) WHERE lead_id IS NULL AND discarded_at IS NULL;
CREATE INDEX pool_leads_lead ON pool_leads (lead_id) WHERE lead_id IS NOT NULL;

CREATE TABLE team_pool_settings (
    team_id TEXT PRIMARY KEY REFERENCES teams(id),
    reps_may_claim INTEGER NOT NULL DEFAULT 0 CHECK (reps_may_claim IN (0, 1))
);
