-- A lead names the event it was met at (issue 15, protocol 4): the rep
-- picks it on the lead form, offline too, so it travels with the lead as
-- one of its fields. `event_leads` (migration 0024) stays what the event
-- reports read, kept equal to this column by the triggers below, whoever
-- writes (a push, an import, a merge). Never edit once landed.
ALTER TABLE leads ADD COLUMN event_id TEXT REFERENCES sales_events(id);
UPDATE leads SET event_id = (SELECT event_id FROM event_leads WHERE event_leads.lead_id = leads.id)
    WHERE id IN (SELECT lead_id FROM event_leads);

CREATE TRIGGER leads_event_insert AFTER INSERT ON leads WHEN NEW.event_id IS NOT NULL
BEGIN
    INSERT INTO event_leads (lead_id, event_id, added_by, added_at)
    VALUES (NEW.id, NEW.event_id, COALESCE((SELECT user_id FROM audit_actor WHERE id = 1), NEW.owner_id), NEW.updated_at)
    ON CONFLICT (lead_id) DO UPDATE SET event_id = excluded.event_id, added_by = excluded.added_by,
        added_at = excluded.added_at;
END;

CREATE TRIGGER leads_event_update AFTER UPDATE OF event_id ON leads
    WHEN NEW.event_id IS NOT OLD.event_id
BEGIN
    DELETE FROM event_leads WHERE lead_id = NEW.id AND NEW.event_id IS NULL;
    INSERT INTO event_leads (lead_id, event_id, added_by, added_at)
    SELECT NEW.id, NEW.event_id, COALESCE((SELECT user_id FROM audit_actor WHERE id = 1), NEW.owner_id), NEW.updated_at
    WHERE NEW.event_id IS NOT NULL
    ON CONFLICT (lead_id) DO UPDATE SET event_id = excluded.event_id, added_by = excluded.added_by,
        added_at = excluded.added_at;
END;
