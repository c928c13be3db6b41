-- The audit history (issue 15): every change to a record, a goal, a
-- compensation plan, a person and a team, one row per changed field (who,
-- when, which item, field, old_value, new_value), and one row when an item is
-- made. Written by triggers, so no write path (a server function, a sync
-- push of a goal made offline, an admin's command) can skip it. Who acted
-- is read from `audit_actor`, which every write transaction sets first
-- (`Store::write`: the signed-in person of the request, or NULL for
-- Pishro itself: demo data, a sign-up through an invitation). A password
-- change is noted without either hash. Never edit once landed.
CREATE TABLE audit_actor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id TEXT
);
INSERT INTO audit_actor (id, user_id) VALUES (1, NULL);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id TEXT,
    team_id TEXT,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('record', 'goal', 'plan', 'person', 'team')),
    subject_id TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, id);
CREATE INDEX audit_log_team ON audit_log (team_id, id);

CREATE TRIGGER records_audit_insert AFTER INSERT ON records
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'record', NEW.id, NEW.title, 'created', NULL, NEW.title);
END;

CREATE TRIGGER records_audit_update AFTER UPDATE ON records
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
           'record', NEW.id, NEW.title, change.field, change.old_value, change.new_value
    FROM (SELECT 'kind' AS field, OLD.kind AS old_value, NEW.kind AS new_value
            UNION ALL SELECT 'title', OLD.title, NEW.title
            UNION ALL SELECT 'amount', OLD.amount, NEW.amount
            UNION ALL SELECT 'currency', OLD.currency, NEW.currency
            UNION ALL SELECT 'period_start', OLD.period_start, NEW.period_start
            UNION ALL SELECT 'period_end', OLD.period_end, NEW.period_end
            UNION ALL SELECT 'body', OLD.body, NEW.body
            UNION ALL SELECT 'person_id', OLD.person_id, NEW.person_id
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted) AS change
    WHERE change.old_value IS NOT change.new_value;
END;

CREATE TRIGGER goals_audit_insert AFTER INSERT ON goals
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'goal', NEW.id, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end, 'created', NULL, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end);
END;

CREATE TRIGGER goals_audit_update AFTER UPDATE ON goals
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
           'goal', NEW.id, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end, change.field, change.old_value, change.new_value
    FROM (SELECT 'scope' AS field, OLD.scope AS old_value, NEW.scope AS new_value
            UNION ALL SELECT 'subject_id', OLD.subject_id, NEW.subject_id
            UNION ALL SELECT 'metric', OLD.metric, NEW.metric
            UNION ALL SELECT 'target', OLD.target, NEW.target
            UNION ALL SELECT 'currency', OLD.currency, NEW.currency
            UNION ALL SELECT 'period_start', OLD.period_start, NEW.period_start
            UNION ALL SELECT 'period_end', OLD.period_end, NEW.period_end
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted) AS change
    WHERE change.old_value IS NOT change.new_value;
END;

CREATE TRIGGER compensation_plans_audit_insert AFTER INSERT ON compensation_plans
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'plan', NEW.id, NEW.effective_from, 'created', NULL, NEW.effective_from);
END;

CREATE TRIGGER compensation_plans_audit_update AFTER UPDATE ON compensation_plans
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
           'plan', NEW.id, NEW.effective_from, change.field, change.old_value, change.new_value
    FROM (SELECT 'effective_from' AS field, OLD.effective_from AS old_value, NEW.effective_from AS new_value
            UNION ALL SELECT 'effective_to', OLD.effective_to, NEW.effective_to
            UNION ALL SELECT 'new_customer_rate', OLD.new_customer_rate, NEW.new_customer_rate
            UNION ALL SELECT 'existing_customer_rate', OLD.existing_customer_rate, NEW.existing_customer_rate
            UNION ALL SELECT 'tiers', OLD.tiers, NEW.tiers
            UNION ALL SELECT 'rep_bonus', OLD.rep_bonus, NEW.rep_bonus
            UNION ALL SELECT 'team_bonus', OLD.team_bonus, NEW.team_bonus
            UNION ALL SELECT 'bonus_currency', OLD.bonus_currency, NEW.bonus_currency
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted) AS change
    WHERE change.old_value IS NOT change.new_value;
END;

CREATE TRIGGER users_audit_insert AFTER INSERT ON users
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
            'person', NEW.id, NEW.display_name, 'created', NULL, NEW.display_name);
END;

CREATE TRIGGER users_audit_update AFTER UPDATE ON users
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.team_id,
           'person', NEW.id, NEW.display_name, change.field, change.old_value, change.new_value
    FROM (SELECT 'email' AS field, OLD.email AS old_value, NEW.email AS new_value
            UNION ALL SELECT 'display_name', OLD.display_name, NEW.display_name
            UNION ALL SELECT 'role', OLD.role, NEW.role
            UNION ALL SELECT 'team_id', OLD.team_id, NEW.team_id
            UNION ALL SELECT 'locale', OLD.locale, NEW.locale
            UNION ALL SELECT 'active', OLD.active, NEW.active
            UNION ALL SELECT 'lead_capacity', OLD.lead_capacity, NEW.lead_capacity
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted
            UNION ALL SELECT 'password', CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN 'old' END, CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN 'new' END) AS change
    WHERE change.old_value IS NOT change.new_value;
END;

CREATE TRIGGER teams_audit_insert AFTER INSERT ON teams
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.id,
            'team', NEW.id, NEW.name, 'created', NULL, NEW.name);
END;

CREATE TRIGGER teams_audit_update AFTER UPDATE ON teams
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, (SELECT user_id FROM audit_actor WHERE id = 1), NEW.id,
           'team', NEW.id, NEW.name, change.field, change.old_value, change.new_value
    FROM (SELECT 'name' AS field, OLD.name AS old_value, NEW.name AS new_value
            UNION ALL SELECT 'calendar', OLD.calendar, NEW.calendar
            UNION ALL SELECT 'time_zone', OLD.time_zone, NEW.time_zone
            UNION ALL SELECT 'working_week', OLD.working_week, NEW.working_week
            UNION ALL SELECT 'deleted', OLD.deleted, NEW.deleted) AS change
    WHERE change.old_value IS NOT change.new_value;
END;
