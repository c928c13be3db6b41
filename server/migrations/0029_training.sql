-- Training (issue 15): programmes a team runs (onboarding, product,
-- skills), their sessions, who attended each session, and who completed a
-- programme and on which day. A completion counts toward "training
-- completed" goals in the period of its day (for the person, and so for the
-- team), beside the older training records. Changes are kept in the audit
-- history as changes to a record (the programme). Never edit once landed.
CREATE TABLE training_programmes (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    kind TEXT NOT NULL CHECK (kind IN ('onboarding', 'product', 'skills')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX training_programmes_team ON training_programmes (team_id, deleted);

CREATE TABLE training_sessions (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES training_programmes(id),
    day TEXT NOT NULL,
    topic TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX training_sessions_programme ON training_sessions (programme_id, day);

CREATE TABLE training_attendance (
    session_id TEXT NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE training_completions (
    programme_id TEXT NOT NULL REFERENCES training_programmes(id),
    person_id TEXT NOT NULL REFERENCES users(id),
    completed_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (programme_id, person_id)
);
CREATE INDEX training_completions_day ON training_completions (completed_on);

CREATE TRIGGER training_programmes_audit_insert AFTER INSERT ON training_programmes
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'record', NEW.id, NEW.title, 'created', NULL, NEW.title);
END;

CREATE TRIGGER training_programmes_audit_update AFTER UPDATE ON training_programmes
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
           'record', NEW.id, NEW.title, change.field, change.old_value, change.new_value
    FROM (SELECT 'training_kind' AS field, OLD.kind AS old_value, NEW.kind AS new_value
            UNION ALL SELECT 'title', OLD.title, NEW.title
            UNION ALL SELECT 'body', OLD.description, NEW.description
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted) AS change
    WHERE change.old_value IS NOT change.new_value;
END;

-- A completion given or taken back: the person's name and the day.
CREATE TRIGGER training_completions_audit_insert AFTER INSERT ON training_completions
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT user_id FROM audit_actor WHERE id = 1), programme.team_id,
           'record', programme.id, programme.title, 'training_completed', NULL,
           (SELECT display_name FROM users WHERE id = NEW.person_id) || ' ' || NEW.completed_on
    FROM training_programmes AS programme WHERE programme.id = NEW.programme_id;
END;

CREATE TRIGGER training_completions_audit_delete AFTER DELETE ON training_completions
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT user_id FROM audit_actor WHERE id = 1), programme.team_id,
           'record', programme.id, programme.title, 'training_completed',
           (SELECT display_name FROM users WHERE id = OLD.person_id) || ' ' || OLD.completed_on, NULL
    FROM training_programmes AS programme WHERE programme.id = OLD.programme_id;
END;
