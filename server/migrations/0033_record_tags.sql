-- Tags on a manager's records (issue 15: "titled notes with dates, amounts
-- and tags, filterable by kind and period"): one tag per line, as the
-- manager typed them (trimmed, no repeats). A change is kept in the audit
-- history like the record's other fields. Never edit once landed.
ALTER TABLE records ADD COLUMN tags TEXT NOT NULL DEFAULT '';

CREATE TRIGGER records_audit_tags AFTER UPDATE OF tags ON records
    WHEN OLD.tags IS NOT NEW.tags
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'record', NEW.id, NEW.title, 'tags', REPLACE(OLD.tags, char(10), ', '), REPLACE(NEW.tags, char(10), ', '));
END;
