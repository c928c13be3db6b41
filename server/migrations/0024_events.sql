-- Events a team goes to for leads (issue 15): fairs, conferences and
-- webinars with their dates, place and cost, and which leads were captured
-- at each (tagged when the manager imports the list brought back; a lead
-- belongs to one event at most). Deleting an event keeps its leads.
-- Never edit once landed: add a new migration.
CREATE TABLE sales_events (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fair', 'conference', 'webinar', 'other')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    cost INTEGER NOT NULL CHECK (cost >= 0),
    currency TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX sales_events_team ON sales_events (team_id, deleted, starts_on);

CREATE TABLE event_leads (
    lead_id TEXT PRIMARY KEY REFERENCES leads(id),
    event_id TEXT NOT NULL REFERENCES sales_events(id),
    added_by TEXT NOT NULL REFERENCES users(id),
    added_at TEXT NOT NULL
);
CREATE INDEX event_leads_event ON event_leads (event_id);
