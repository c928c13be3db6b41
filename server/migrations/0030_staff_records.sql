-- Staff records (issue 15): for each person, the day they started with
-- the company and the manager's notes. Their role history is not kept here
-- but read from the audit history of the person (role, team, sign-in).
-- Changes go to the audit history as changes to the person. Never edit
-- once landed.
CREATE TABLE staff_records (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    started_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TRIGGER staff_records_audit_insert AFTER INSERT ON staff_records
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), person.team_id,
           'person', person.id, person.display_name, change.field, NULL, change.new_value
    FROM users AS person,
         (SELECT 'started_on' AS field, NEW.started_on AS new_value
            UNION ALL SELECT 'staff_notes', NULLIF(NEW.notes, '')) AS change
    WHERE person.id = NEW.user_id AND change.new_value IS NOT NULL;
END;

CREATE TRIGGER staff_records_audit_update AFTER UPDATE ON staff_records
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), person.team_id,
           'person', person.id, person.display_name, change.field, change.old_value, change.new_value
    FROM users AS person,
         (SELECT 'started_on' AS field, OLD.started_on AS old_value, NEW.started_on AS new_value
            UNION ALL SELECT 'staff_notes', OLD.notes, NEW.notes) AS change
    WHERE person.id = NEW.user_id AND change.old_value IS NOT change.new_value;
END;
