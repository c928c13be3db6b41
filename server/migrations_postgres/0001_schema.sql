-- Pishro's schema on PostgreSQL: the tables, indexes and triggers of the
-- SQLite migrations 0001-0035 as they stand after the last of them, in
-- PostgreSQL's dialect. The same names, columns and meaning; differences:
-- 64-bit integers (BIGINT) where SQLite has INTEGER, bytewise text order
-- (COLLATE "C", SQLite's BINARY), identity columns for SQLite's rowid keys
-- (stage_moves gains one), and trigger functions in PL/pgSQL that fire in the
-- order SQLite fires them (newest first: the pNN prefix). Who is writing comes
-- from the transaction-local setting pishro.actor (see Store::write).

CREATE TABLE sync_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_version BIGINT NOT NULL
);

CREATE TABLE teams (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    manager_id TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    calendar TEXT COLLATE "C" CHECK (calendar IS NULL OR calendar IN ('gregorian', 'jalali')), time_zone TEXT COLLATE "C", working_week TEXT COLLATE "C", holidays_filled_through BIGINT,
    scope_version BIGINT NOT NULL DEFAULT 0);

CREATE TABLE users (
    id TEXT COLLATE "C" PRIMARY KEY,
    email TEXT COLLATE "C" NOT NULL UNIQUE,
    display_name TEXT COLLATE "C" NOT NULL,
    password_hash TEXT COLLATE "C" NOT NULL,
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id TEXT COLLATE "C" REFERENCES teams(id),
    locale TEXT COLLATE "C" NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fa')),
    active BIGINT NOT NULL DEFAULT 1,
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    scope_version BIGINT NOT NULL DEFAULT 0, lead_capacity BIGINT
    CHECK (lead_capacity IS NULL OR lead_capacity BETWEEN 1 AND 10000));

CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    last_seen_at TEXT COLLATE "C");

CREATE TABLE sales_events (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('fair', 'conference', 'webinar', 'other')),
    starts_on TEXT COLLATE "C" NOT NULL,
    ends_on TEXT COLLATE "C" NOT NULL,
    place TEXT COLLATE "C" NOT NULL DEFAULT '',
    cost BIGINT NOT NULL CHECK (cost >= 0),
    currency TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    CHECK (starts_on <= ends_on)
);

CREATE TABLE leads (
    id TEXT COLLATE "C" PRIMARY KEY,
    owner_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    name TEXT COLLATE "C" NOT NULL,
    company TEXT COLLATE "C" NOT NULL DEFAULT '',
    phone TEXT COLLATE "C" NOT NULL DEFAULT '',
    email TEXT COLLATE "C" NOT NULL DEFAULT '',
    source TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    estimated_value BIGINT NOT NULL DEFAULT 0 CHECK (estimated_value >= 0),
    currency TEXT COLLATE "C" NOT NULL,
    customer_kind TEXT COLLATE "C" NOT NULL,
    won_amount BIGINT CHECK (won_amount IS NULL OR won_amount >= 0),
    closed_at TEXT COLLATE "C",
    lost_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    event_id TEXT COLLATE "C" REFERENCES sales_events(id));

CREATE TABLE activities (
    id TEXT COLLATE "C" PRIMARY KEY,
    lead_id TEXT COLLATE "C" REFERENCES leads(id),
    owner_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    kind TEXT COLLATE "C" NOT NULL,
    tactic TEXT COLLATE "C" NOT NULL,
    outcome TEXT COLLATE "C",
    occurred_at TEXT COLLATE "C",
    due_at TEXT COLLATE "C",
    done_at TEXT COLLATE "C",
    duration_minutes BIGINT,
    notes TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE goals (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    scope TEXT COLLATE "C" NOT NULL CHECK (scope IN ('rep', 'team')),
    subject_id TEXT COLLATE "C" NOT NULL,
    metric TEXT COLLATE "C" NOT NULL,
    target BIGINT NOT NULL CHECK (target >= 0),
    currency TEXT COLLATE "C",
    period_start TEXT COLLATE "C" NOT NULL,
    period_end TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    CHECK (period_end >= period_start)
);

CREATE TABLE records (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    owner_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    kind TEXT COLLATE "C" NOT NULL,
    title TEXT COLLATE "C" NOT NULL,
    amount BIGINT CHECK (amount IS NULL OR amount >= 0),
    currency TEXT COLLATE "C",
    period_start TEXT COLLATE "C",
    period_end TEXT COLLATE "C",
    body TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    person_id TEXT COLLATE "C" REFERENCES users(id), tags TEXT COLLATE "C" NOT NULL DEFAULT '');

CREATE TABLE sync_clients (
    client_id TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    last_mutation_id BIGINT NOT NULL DEFAULT 0,
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    last_pulled_at TEXT COLLATE "C", last_push_left_pending BIGINT NOT NULL DEFAULT 0);

CREATE TABLE rejected_mutations (
    client_id TEXT COLLATE "C" NOT NULL REFERENCES sync_clients(client_id),
    mutation_id BIGINT NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
);

CREATE TABLE lead_history (
    id TEXT COLLATE "C" PRIMARY KEY,
    lead_id TEXT COLLATE "C" NOT NULL REFERENCES leads(id),
    field TEXT COLLATE "C" NOT NULL,
    old_value TEXT COLLATE "C" NOT NULL,
    new_value TEXT COLLATE "C" NOT NULL,
    changed_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    conflict BIGINT NOT NULL DEFAULT 0,
    overwritten_user_id TEXT COLLATE "C" REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE scope_exits (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id TEXT COLLATE "C" NOT NULL REFERENCES leads(id),
    user_id TEXT COLLATE "C" REFERENCES users(id),
    team_id TEXT COLLATE "C" REFERENCES teams(id),
    version BIGINT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE activity_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    calls BIGINT NOT NULL DEFAULT 0,
    meetings BIGINT NOT NULL DEFAULT 0,
    activities BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, day)
);

CREATE TABLE closed_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    won BIGINT NOT NULL DEFAULT 0,
    lost BIGINT NOT NULL DEFAULT 0,
    new_customers BIGINT NOT NULL DEFAULT 0,
    revenue BIGINT NOT NULL DEFAULT 0, revenue_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, day, currency)
);

CREATE TABLE compensation_plans (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    effective_from TEXT COLLATE "C" NOT NULL,
    effective_to TEXT COLLATE "C",
    new_customer_rate BIGINT NOT NULL CHECK (new_customer_rate BETWEEN 0 AND 10000),
    existing_customer_rate BIGINT NOT NULL CHECK (existing_customer_rate BETWEEN 0 AND 10000),
    tiers TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    rep_bonus BIGINT NOT NULL DEFAULT 0 CHECK (rep_bonus >= 0),
    team_bonus BIGINT NOT NULL DEFAULT 0 CHECK (team_bonus >= 0),
    bonus_currency TEXT COLLATE "C",
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

CREATE TABLE kudos (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    from_user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    to_user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    message TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE open_pipeline (
    owner_id TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    deals BIGINT NOT NULL DEFAULT 0,
    value BIGINT NOT NULL DEFAULT 0, value_high BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_id, stage, currency)
);

CREATE TABLE stage_moves (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id TEXT COLLATE "C" NOT NULL,
    owner_id TEXT COLLATE "C" NOT NULL,
    from_stage TEXT COLLATE "C",
    to_stage TEXT COLLATE "C" NOT NULL,
    entered_from_at TEXT COLLATE "C" NOT NULL,
    moved_at TEXT COLLATE "C" NOT NULL,
    forward BIGINT NOT NULL,
    lead_live BIGINT NOT NULL DEFAULT 1, went_on BIGINT NOT NULL DEFAULT 0);

CREATE TABLE period_notes (
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    period_start TEXT COLLATE "C" NOT NULL,
    period_end TEXT COLLATE "C" NOT NULL,
    note TEXT COLLATE "C" NOT NULL,
    updated_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    updated_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (team_id, period_start, period_end)
);

CREATE TABLE open_lead_attention (
    lead_id TEXT COLLATE "C" PRIMARY KEY,
    owner_id TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    value BIGINT NOT NULL,
    stage_since TEXT COLLATE "C" NOT NULL,
    last_touched_at TEXT COLLATE "C",
    quiet_since TEXT COLLATE "C" NOT NULL
);

CREATE TABLE closed_lead_paths (
    lead_id TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    won BIGINT NOT NULL,
    PRIMARY KEY (lead_id, stage)
);

CREATE TABLE zone_offsets (
    team_id TEXT COLLATE "C" NOT NULL,
    from_utc TEXT COLLATE "C" NOT NULL,
    offset_minutes BIGINT NOT NULL,
    PRIMARY KEY (team_id, from_utc)
);

CREATE TABLE team_holidays (
    team_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    added_by TEXT COLLATE "C",
    added_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (team_id, day)
);

CREATE TABLE lead_assignments (
    id TEXT COLLATE "C" PRIMARY KEY,
    lead_id TEXT COLLATE "C" NOT NULL REFERENCES leads(id),
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    from_user_id TEXT COLLATE "C" REFERENCES users(id),
    to_user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    rule TEXT COLLATE "C" NOT NULL CHECK (rule IN ('chosen', 'round_robin', 'least_busy', 'weighted')),
    batch TEXT COLLATE "C" NOT NULL,
    assigned_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    assigned_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE absences (
    id TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    starts_on TEXT COLLATE "C" NOT NULL,
    ends_on TEXT COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    CHECK (starts_on <= ends_on)
);

CREATE TABLE invites (
    id TEXT COLLATE "C" PRIMARY KEY,
    token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    role TEXT COLLATE "C" NOT NULL CHECK (role IN ('rep', 'manager')),
    email TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    used_at TEXT COLLATE "C",
    used_by TEXT COLLATE "C" REFERENCES users(id),
    revoked_at TEXT COLLATE "C"
);

CREATE TABLE event_leads (
    lead_id TEXT COLLATE "C" PRIMARY KEY REFERENCES leads(id),
    event_id TEXT COLLATE "C" NOT NULL REFERENCES sales_events(id),
    added_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    added_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE budget_lines (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    category TEXT COLLATE "C" NOT NULL CHECK (category IN ('events', 'travel', 'incentives', 'tools', 'other')),
    period_start TEXT COLLATE "C" NOT NULL,
    period_end TEXT COLLATE "C" NOT NULL,
    planned BIGINT NOT NULL CHECK (planned >= 0),
    currency TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    CHECK (period_start <= period_end)
);

CREATE TABLE budget_spending (
    id TEXT COLLATE "C" PRIMARY KEY,
    line_id TEXT COLLATE "C" NOT NULL REFERENCES budget_lines(id),
    spent_on TEXT COLLATE "C" NOT NULL,
    amount BIGINT NOT NULL CHECK (amount >= 0),
    note TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE web_forms (
    id TEXT COLLATE "C" PRIMARY KEY,
    token TEXT COLLATE "C" NOT NULL UNIQUE,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    title TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT COLLATE "C"
);

CREATE TABLE pool_leads (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    name TEXT COLLATE "C" NOT NULL,
    company TEXT COLLATE "C" NOT NULL,
    phone TEXT COLLATE "C" NOT NULL,
    email TEXT COLLATE "C" NOT NULL,
    message TEXT COLLATE "C" NOT NULL,
    web_form_id TEXT COLLATE "C" REFERENCES web_forms(id),
    received_at TEXT COLLATE "C" NOT NULL,
    lead_id TEXT COLLATE "C" REFERENCES leads(id),
    taken_by TEXT COLLATE "C" REFERENCES users(id),
    taken_at TEXT COLLATE "C",
    discarded_at TEXT COLLATE "C"
);

CREATE TABLE team_pool_settings (
    team_id TEXT COLLATE "C" PRIMARY KEY REFERENCES teams(id),
    reps_may_claim BIGINT NOT NULL DEFAULT 0 CHECK (reps_may_claim IN (0, 1)),
    web_form_rule TEXT COLLATE "C"
    CHECK (web_form_rule IN ('round_robin', 'least_busy', 'weighted')), web_form_rule_by TEXT COLLATE "C" REFERENCES users(id));

CREATE TABLE audit_actor (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    user_id TEXT COLLATE "C"
);

CREATE TABLE audit_log (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at TEXT COLLATE "C" NOT NULL,
    actor_id TEXT COLLATE "C",
    team_id TEXT COLLATE "C",
    subject_kind TEXT COLLATE "C" NOT NULL CHECK (subject_kind IN ('record', 'goal', 'plan', 'person', 'team')),
    subject_id TEXT COLLATE "C" NOT NULL,
    subject_name TEXT COLLATE "C" NOT NULL,
    field TEXT COLLATE "C" NOT NULL,
    old_value TEXT COLLATE "C",
    new_value TEXT COLLATE "C"
);

CREATE TABLE headcount_plans (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    period_start TEXT COLLATE "C" NOT NULL,
    period_end TEXT COLLATE "C" NOT NULL,
    planned BIGINT NOT NULL CHECK (planned BETWEEN 0 AND 10000),
    note TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    CHECK (period_end >= period_start)
);

CREATE TABLE training_programmes (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams(id),
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('onboarding', 'product', 'skills')),
    title TEXT COLLATE "C" NOT NULL,
    description TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    created_at TEXT COLLATE "C" NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE training_sessions (
    id TEXT COLLATE "C" PRIMARY KEY,
    programme_id TEXT COLLATE "C" NOT NULL REFERENCES training_programmes(id),
    day TEXT COLLATE "C" NOT NULL,
    topic TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE training_attendance (
    session_id TEXT COLLATE "C" NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    person_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE training_completions (
    programme_id TEXT COLLATE "C" NOT NULL REFERENCES training_programmes(id),
    person_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    completed_on TEXT COLLATE "C" NOT NULL,
    recorded_by TEXT COLLATE "C" NOT NULL REFERENCES users(id),
    PRIMARY KEY (programme_id, person_id)
);

CREATE TABLE staff_records (
    user_id TEXT COLLATE "C" PRIMARY KEY REFERENCES users(id),
    started_on TEXT COLLATE "C",
    notes TEXT COLLATE "C" NOT NULL DEFAULT '',
    updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE closed_stage_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    stage TEXT COLLATE "C" NOT NULL,
    closed BIGINT NOT NULL,
    won BIGINT NOT NULL,
    PRIMARY KEY (owner_id, day, stage)
);

CREATE TABLE approach_activity_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    grouping TEXT COLLATE "C" NOT NULL,
    approach TEXT COLLATE "C" NOT NULL,
    activities BIGINT NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach)
);

CREATE TABLE lead_first_touches (
    lead_id TEXT COLLATE "C" NOT NULL,
    grouping TEXT COLLATE "C" NOT NULL,
    approach TEXT COLLATE "C" NOT NULL,
    activity_id TEXT COLLATE "C" NOT NULL,
    owner_id TEXT COLLATE "C" NOT NULL,
    occurred_at TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    forward_at TEXT COLLATE "C",
    won_at TEXT COLLATE "C",
    lead_live BIGINT NOT NULL,
    lead_won BIGINT NOT NULL,
    source TEXT COLLATE "C",
    currency TEXT COLLATE "C",
    won_amount BIGINT,
    PRIMARY KEY (lead_id, grouping, approach)
);

CREATE TABLE approach_reach_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    grouping TEXT COLLATE "C" NOT NULL,
    approach TEXT COLLATE "C" NOT NULL,
    reached BIGINT NOT NULL,
    moved_7 BIGINT NOT NULL,
    moved_14 BIGINT NOT NULL,
    moved_30 BIGINT NOT NULL,
    moved_60 BIGINT NOT NULL,
    moved_90 BIGINT NOT NULL,
    moved_180 BIGINT NOT NULL,
    won_7 BIGINT NOT NULL,
    won_14 BIGINT NOT NULL,
    won_30 BIGINT NOT NULL,
    won_60 BIGINT NOT NULL,
    won_90 BIGINT NOT NULL,
    won_180 BIGINT NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach)
);

CREATE TABLE approach_revenue_days (
    owner_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    grouping TEXT COLLATE "C" NOT NULL,
    approach TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    revenue_7 BIGINT NOT NULL,
    revenue_7_high BIGINT NOT NULL,
    revenue_14 BIGINT NOT NULL,
    revenue_14_high BIGINT NOT NULL,
    revenue_30 BIGINT NOT NULL,
    revenue_30_high BIGINT NOT NULL,
    revenue_60 BIGINT NOT NULL,
    revenue_60_high BIGINT NOT NULL,
    revenue_90 BIGINT NOT NULL,
    revenue_90_high BIGINT NOT NULL,
    revenue_180 BIGINT NOT NULL,
    revenue_180_high BIGINT NOT NULL,
    PRIMARY KEY (owner_id, day, grouping, approach, currency)
);

CREATE INDEX users_team ON users (team_id);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX leads_owner ON leads (owner_id, deleted);
CREATE INDEX leads_version ON leads (version);
CREATE INDEX activities_owner ON activities (owner_id, deleted);
CREATE INDEX activities_lead ON activities (lead_id);
CREATE INDEX activities_version ON activities (version);
CREATE INDEX goals_team ON goals (team_id, deleted);
CREATE INDEX goals_version ON goals (version);
CREATE INDEX records_team ON records (team_id, deleted);
CREATE INDEX records_version ON records (version);
CREATE INDEX lead_history_lead ON lead_history (lead_id, field);
CREATE INDEX leads_owner_version ON leads (owner_id, version);
CREATE INDEX activities_owner_version ON activities (owner_id, version);
CREATE INDEX scope_exits_user_version ON scope_exits (user_id, version);
CREATE INDEX scope_exits_team_version ON scope_exits (team_id, version);
CREATE INDEX records_owner_kind ON records (owner_id, kind, period_end);
CREATE INDEX compensation_plans_team ON compensation_plans (team_id, deleted, effective_from);
CREATE INDEX compensation_plans_version ON compensation_plans (version);
CREATE INDEX kudos_team ON kudos (team_id, deleted, created_at);
CREATE INDEX kudos_version ON kudos (version);
CREATE INDEX records_training ON records (team_id, kind, period_end) WHERE deleted = 0;
CREATE INDEX sync_clients_user ON sync_clients (user_id);
CREATE INDEX activities_owner_done ON activities (owner_id, done_at) WHERE deleted = 0 AND kind = 'task';
CREATE INDEX leads_owner_stage ON leads (owner_id, stage, currency, estimated_value) WHERE deleted = 0;
CREATE INDEX stage_moves_lead ON stage_moves (lead_id, moved_at);
CREATE INDEX activities_lead_occurred ON activities (lead_id, occurred_at) WHERE deleted = 0 AND kind <> 'task';
CREATE INDEX activities_owner_occurred ON activities (owner_id, occurred_at, kind, tactic, lead_id) WHERE deleted = 0;
CREATE INDEX leads_owner_closed ON leads (owner_id, closed_at, stage, created_at) WHERE deleted = 0 AND closed_at IS NOT NULL;
CREATE INDEX closed_lead_paths_owner_day ON closed_lead_paths (owner_id, day, stage, won);
CREATE INDEX leads_phone_created ON leads (phone, created_at);
CREATE INDEX leads_email_created ON leads (email, created_at);
CREATE INDEX lead_assignments_lead ON lead_assignments (lead_id);
CREATE INDEX lead_assignments_team_rule ON lead_assignments (team_id, rule);
CREATE INDEX absences_user_end ON absences (user_id, ends_on);
CREATE INDEX invites_team ON invites (team_id, created_at);
CREATE INDEX sales_events_team ON sales_events (team_id, deleted, starts_on);
CREATE INDEX event_leads_event ON event_leads (event_id);
CREATE INDEX budget_lines_team ON budget_lines (team_id, deleted, period_start);
CREATE INDEX budget_spending_line ON budget_spending (line_id);
CREATE INDEX web_forms_team ON web_forms (team_id, created_at);
CREATE INDEX pool_leads_waiting ON pool_leads (team_id, received_at) WHERE lead_id IS NULL AND discarded_at IS NULL;
CREATE INDEX pool_leads_lead ON pool_leads (lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, id);
CREATE INDEX audit_log_team ON audit_log (team_id, id);
CREATE INDEX headcount_plans_team ON headcount_plans (team_id, period_start);
CREATE INDEX training_programmes_team ON training_programmes (team_id, deleted);
CREATE INDEX training_sessions_programme ON training_sessions (programme_id, day);
CREATE INDEX training_completions_day ON training_completions (completed_on);
CREATE INDEX open_lead_attention_stale
    ON open_lead_attention (owner_id, quiet_since, stage, stage_since, currency, value);
CREATE INDEX stage_moves_owner_report
    ON stage_moves (owner_id, moved_at, lead_live, to_stage, went_on, from_stage, entered_from_at);
CREATE INDEX lead_first_touches_activity ON lead_first_touches (activity_id);
INSERT INTO sync_state (id, last_version) VALUES (1, 0);
INSERT INTO audit_actor (id, user_id) VALUES (1, NULL);

-- SQLite's scalar max(a, b) and min(a, b): NULL if either is NULL, text
-- compared bytewise. The store's SQL is written once for both databases.
CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a >= b THEN a ELSE b END
$$;
CREATE FUNCTION min(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a <= b THEN a ELSE b END
$$;
CREATE FUNCTION max(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a COLLATE "C" >= b COLLATE "C" THEN a ELSE b END
$$;
CREATE FUNCTION min(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a COLLATE "C" <= b COLLATE "C" THEN a ELSE b END
$$;

-- SQLite's date(instant, modifier) for the one kind of modifier the store
-- uses, an amount of time ('90 minutes', '+1 days'): the day as YYYY-MM-DD.
CREATE FUNCTION date(instant text, modifier text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(instant::timestamp + modifier::interval, 'YYYY-MM-DD')
$$;

-- Functions the triggers share (SQLite has them built in or inline).
CREATE FUNCTION julianday(instant text) RETURNS double precision LANGUAGE sql STABLE AS $$
    SELECT extract(epoch FROM (instant::timestamp AT TIME ZONE 'UTC')) / 86400.0 + 2440587.5
$$;

CREATE FUNCTION pishro_local_day(instant text, owner text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(instant::timestamp + make_interval(mins => COALESCE((
        SELECT z.offset_minutes FROM users u JOIN zone_offsets z ON z.team_id = u.team_id
        WHERE u.id = owner AND z.from_utc <= instant ORDER BY z.from_utc DESC LIMIT 1), 0)::int), 'YYYY-MM-DD')
$$;

CREATE FUNCTION p66_leads_version_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
    RETURN NULL;
END
$$;
CREATE TRIGGER p66_leads_version_after_insert AFTER INSERT ON leads FOR EACH ROW EXECUTE FUNCTION p66_leads_version_after_insert();

CREATE FUNCTION p65_leads_version_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
    RETURN NULL;
END
$$;
CREATE TRIGGER p65_leads_version_after_update AFTER UPDATE OF version ON leads FOR EACH ROW EXECUTE FUNCTION p65_leads_version_after_update();

CREATE FUNCTION p64_activities_version_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
    RETURN NULL;
END
$$;
CREATE TRIGGER p64_activities_version_after_insert AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION p64_activities_version_after_insert();

CREATE FUNCTION p63_activities_version_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
    RETURN NULL;
END
$$;
CREATE TRIGGER p63_activities_version_after_update AFTER UPDATE OF version ON activities FOR EACH ROW EXECUTE FUNCTION p63_activities_version_after_update();

CREATE FUNCTION p62_stage_moves_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
    VALUES (NEW.id, NEW.owner_id, NULL, NEW.stage, NEW.created_at,
            CASE WHEN NEW.stage IN ('won', 'lost') THEN COALESCE(NEW.closed_at, NEW.created_at) ELSE NEW.created_at END,
            0);
    RETURN NULL;
END
$$;
CREATE TRIGGER p62_stage_moves_after_insert AFTER INSERT ON leads FOR EACH ROW EXECUTE FUNCTION p62_stage_moves_after_insert();

CREATE FUNCTION p61_stage_moves_after_stage_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward)
    VALUES (NEW.id, NEW.owner_id, OLD.stage, NEW.stage,
            COALESCE((SELECT MAX(moved_at) FROM stage_moves WHERE lead_id = NEW.id), OLD.created_at),
            CASE WHEN NEW.stage IN ('won', 'lost') THEN COALESCE(NEW.closed_at, NEW.updated_at) ELSE NEW.updated_at END,
            (NEW.stage <> 'lost'
              AND strpos(',new,contacted,qualified,proposal,negotiation,won,', ',' || NEW.stage || ',')
                > strpos(',new,contacted,qualified,proposal,negotiation,won,', ',' || OLD.stage || ','))::int);
    RETURN NULL;
END
$$;
CREATE TRIGGER p61_stage_moves_after_stage_update AFTER UPDATE OF stage ON leads FOR EACH ROW
    WHEN (NEW.stage <> OLD.stage) EXECUTE FUNCTION p61_stage_moves_after_stage_update();

CREATE FUNCTION p60_stage_moves_after_owner_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stage_moves SET owner_id = NEW.owner_id WHERE lead_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p60_stage_moves_after_owner_update AFTER UPDATE OF owner_id ON leads FOR EACH ROW
    WHEN (NEW.owner_id <> OLD.owner_id) EXECUTE FUNCTION p60_stage_moves_after_owner_update();

CREATE FUNCTION p59_stage_moves_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stage_moves WHERE lead_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p59_stage_moves_after_delete AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION p59_stage_moves_after_delete();

CREATE FUNCTION p58_open_lead_attention_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO open_lead_attention (lead_id, owner_id, stage, currency, value, stage_since, last_touched_at, quiet_since)
    SELECT NEW.id, NEW.owner_id, NEW.stage, NEW.currency, NEW.estimated_value, NEW.created_at, touched,
           COALESCE(touched, NEW.created_at)
    FROM (SELECT MAX(occurred_at) AS touched FROM activities
          WHERE lead_id = NEW.id AND deleted = 0 AND kind <> 'task') AS latest
    WHERE true
    ON CONFLICT (lead_id) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER p58_open_lead_attention_after_insert AFTER INSERT ON leads FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')) EXECUTE FUNCTION p58_open_lead_attention_after_insert();

CREATE FUNCTION p57_open_lead_attention_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM open_lead_attention
    WHERE lead_id = NEW.id AND (NEW.deleted = 1 OR NEW.stage IN ('won', 'lost'));
    INSERT INTO open_lead_attention (lead_id, owner_id, stage, currency, value, stage_since, last_touched_at, quiet_since)
    SELECT NEW.id, NEW.owner_id, NEW.stage, NEW.currency, NEW.estimated_value, since, touched, COALESCE(touched, since)
    FROM (SELECT
            CASE WHEN NEW.stage <> OLD.stage OR OLD.deleted = 1 OR OLD.stage IN ('won', 'lost') THEN NEW.updated_at
                 ELSE COALESCE((SELECT stage_since FROM open_lead_attention WHERE lead_id = NEW.id), NEW.updated_at)
            END AS since,
            (SELECT MAX(occurred_at) FROM activities
             WHERE lead_id = NEW.id AND deleted = 0 AND kind <> 'task') AS touched) AS current
    WHERE NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
    ON CONFLICT (lead_id) DO UPDATE SET owner_id = excluded.owner_id, stage = excluded.stage,
        currency = excluded.currency, value = excluded.value, stage_since = excluded.stage_since,
        last_touched_at = excluded.last_touched_at, quiet_since = excluded.quiet_since;
    RETURN NULL;
END
$$;
CREATE TRIGGER p57_open_lead_attention_after_update AFTER UPDATE OF owner_id, stage, currency, estimated_value, deleted ON leads FOR EACH ROW EXECUTE FUNCTION p57_open_lead_attention_after_update();

CREATE FUNCTION p56_open_lead_attention_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM open_lead_attention WHERE lead_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p56_open_lead_attention_after_delete AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION p56_open_lead_attention_after_delete();

CREATE FUNCTION p55_open_lead_attention_after_activity_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = NEW.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = NEW.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id = NEW.lead_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p55_open_lead_attention_after_activity_insert AFTER INSERT ON activities FOR EACH ROW
    WHEN (NEW.lead_id IS NOT NULL) EXECUTE FUNCTION p55_open_lead_attention_after_activity_insert();

CREATE FUNCTION p54_open_lead_attention_after_activity_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = open_lead_attention.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = open_lead_attention.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER p54_open_lead_attention_after_activity_update AFTER UPDATE OF lead_id, kind, occurred_at, deleted ON activities FOR EACH ROW EXECUTE FUNCTION p54_open_lead_attention_after_activity_update();

CREATE FUNCTION p53_open_lead_attention_after_activity_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_lead_attention SET
        last_touched_at = (SELECT MAX(occurred_at) FROM activities
                           WHERE lead_id = OLD.lead_id AND deleted = 0 AND kind <> 'task'),
        quiet_since = COALESCE((SELECT MAX(occurred_at) FROM activities
                                WHERE lead_id = OLD.lead_id AND deleted = 0 AND kind <> 'task'), stage_since)
    WHERE lead_id = OLD.lead_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p53_open_lead_attention_after_activity_delete AFTER DELETE ON activities FOR EACH ROW
    WHEN (OLD.lead_id IS NOT NULL) EXECUTE FUNCTION p53_open_lead_attention_after_activity_delete();

CREATE FUNCTION p52_closed_lead_paths_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM closed_lead_paths WHERE lead_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p52_closed_lead_paths_after_delete AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION p52_closed_lead_paths_after_delete();

CREATE FUNCTION p51_activity_days_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    VALUES (NEW.owner_id, pishro_local_day(NEW.occurred_at, NEW.owner_id), (NEW.kind = 'call')::int, (NEW.kind = 'meeting')::int, 1)
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = activity_days.calls + excluded.calls,
        meetings = activity_days.meetings + excluded.meetings, activities = activity_days.activities + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER p51_activity_days_after_insert AFTER INSERT ON activities FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task') EXECUTE FUNCTION p51_activity_days_after_insert();

CREATE FUNCTION p50_activity_days_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call')::int, meetings = meetings - (OLD.kind = 'meeting')::int,
        activities = activities - 1
    WHERE OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task'
      AND owner_id = OLD.owner_id AND day = pishro_local_day(OLD.occurred_at, OLD.owner_id);
    INSERT INTO activity_days (owner_id, day, calls, meetings, activities)
    SELECT NEW.owner_id, pishro_local_day(NEW.occurred_at, NEW.owner_id), (NEW.kind = 'call')::int, (NEW.kind = 'meeting')::int, 1
    WHERE NEW.deleted = 0 AND NEW.occurred_at IS NOT NULL AND NEW.kind <> 'task'
    ON CONFLICT (owner_id, day) DO UPDATE SET calls = activity_days.calls + excluded.calls,
        meetings = activity_days.meetings + excluded.meetings, activities = activity_days.activities + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER p50_activity_days_after_update AFTER UPDATE OF owner_id, kind, occurred_at, deleted ON activities FOR EACH ROW EXECUTE FUNCTION p50_activity_days_after_update();

CREATE FUNCTION p49_activity_days_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE activity_days SET calls = calls - (OLD.kind = 'call')::int, meetings = meetings - (OLD.kind = 'meeting')::int,
        activities = activities - 1
    WHERE owner_id = OLD.owner_id AND day = pishro_local_day(OLD.occurred_at, OLD.owner_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER p49_activity_days_after_delete AFTER DELETE ON activities FOR EACH ROW
    WHEN (OLD.deleted = 0 AND OLD.occurred_at IS NOT NULL AND OLD.kind <> 'task') EXECUTE FUNCTION p49_activity_days_after_delete();

CREATE FUNCTION p48_closed_lead_paths_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    VALUES (NEW.id, NEW.stage, NEW.owner_id, pishro_local_day(NEW.closed_at, NEW.owner_id), (NEW.stage = 'won')::int)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER p48_closed_lead_paths_after_insert AFTER INSERT ON leads FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')) EXECUTE FUNCTION p48_closed_lead_paths_after_insert();

CREATE FUNCTION p47_closed_lead_paths_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM closed_lead_paths WHERE lead_id = NEW.id;
    INSERT INTO closed_lead_paths (lead_id, stage, owner_id, day, won)
    SELECT NEW.id, reached.stage, NEW.owner_id, pishro_local_day(NEW.closed_at, NEW.owner_id), (NEW.stage = 'won')::int
    FROM (
        SELECT from_stage AS stage FROM stage_moves WHERE lead_id = NEW.id AND from_stage IS NOT NULL
        UNION SELECT to_stage FROM stage_moves WHERE lead_id = NEW.id
        UNION SELECT OLD.stage
        UNION SELECT NEW.stage
    ) reached
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER p47_closed_lead_paths_after_update AFTER UPDATE OF owner_id, stage, closed_at, deleted ON leads FOR EACH ROW EXECUTE FUNCTION p47_closed_lead_paths_after_update();

CREATE FUNCTION p46_closed_days_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue, revenue_high)
    VALUES (NEW.owner_id, pishro_local_day(NEW.closed_at, NEW.owner_id), NEW.currency, (NEW.stage = 'won')::int, (NEW.stage = 'lost')::int,
        (NEW.stage = 'won' AND NEW.customer_kind = 'new')::int,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) % 1000000000,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) / 1000000000)
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = closed_days.won + excluded.won, lost = closed_days.lost + excluded.lost,
        new_customers = closed_days.new_customers + excluded.new_customers, revenue = closed_days.revenue + excluded.revenue,
        revenue_high = closed_days.revenue_high + excluded.revenue_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p46_closed_days_after_insert AFTER INSERT ON leads FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')) EXECUTE FUNCTION p46_closed_days_after_insert();

CREATE FUNCTION p45_closed_days_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won')::int, lost = lost - (OLD.stage = 'lost')::int,
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new')::int,
        revenue = revenue - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) % 1000000000,
        revenue_high = revenue_high - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND day = pishro_local_day(OLD.closed_at, OLD.owner_id) AND currency = OLD.currency;
    INSERT INTO closed_days (owner_id, day, currency, won, lost, new_customers, revenue, revenue_high)
    SELECT NEW.owner_id, pishro_local_day(NEW.closed_at, NEW.owner_id), NEW.currency, (NEW.stage = 'won')::int, (NEW.stage = 'lost')::int,
        (NEW.stage = 'won' AND NEW.customer_kind = 'new')::int,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) % 1000000000,
        (CASE WHEN NEW.stage = 'won' THEN COALESCE(NEW.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE NEW.deleted = 0 AND NEW.closed_at IS NOT NULL AND NEW.stage IN ('won', 'lost')
    ON CONFLICT (owner_id, day, currency) DO UPDATE SET won = closed_days.won + excluded.won, lost = closed_days.lost + excluded.lost,
        new_customers = closed_days.new_customers + excluded.new_customers, revenue = closed_days.revenue + excluded.revenue,
        revenue_high = closed_days.revenue_high + excluded.revenue_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p45_closed_days_after_update AFTER UPDATE OF owner_id, stage, closed_at, won_amount, currency, customer_kind, deleted ON leads FOR EACH ROW EXECUTE FUNCTION p45_closed_days_after_update();

CREATE FUNCTION p44_closed_days_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE closed_days SET won = won - (OLD.stage = 'won')::int, lost = lost - (OLD.stage = 'lost')::int,
        new_customers = new_customers - (OLD.stage = 'won' AND OLD.customer_kind = 'new')::int,
        revenue = revenue - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) % 1000000000,
        revenue_high = revenue_high - (CASE WHEN OLD.stage = 'won' THEN COALESCE(OLD.won_amount, 0) ELSE 0 END) / 1000000000
    WHERE owner_id = OLD.owner_id AND day = pishro_local_day(OLD.closed_at, OLD.owner_id) AND currency = OLD.currency;
    RETURN NULL;
END
$$;
CREATE TRIGGER p44_closed_days_after_delete AFTER DELETE ON leads FOR EACH ROW
    WHEN (OLD.deleted = 0 AND OLD.closed_at IS NOT NULL AND OLD.stage IN ('won', 'lost')) EXECUTE FUNCTION p44_closed_days_after_delete();

CREATE FUNCTION p43_open_pipeline_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value, value_high)
    VALUES (NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value % 1000000000, NEW.estimated_value / 1000000000)
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = open_pipeline.deals + 1, value = open_pipeline.value + excluded.value,
        value_high = open_pipeline.value_high + excluded.value_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p43_open_pipeline_after_insert AFTER INSERT ON leads FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')) EXECUTE FUNCTION p43_open_pipeline_after_insert();

CREATE FUNCTION p42_open_pipeline_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value % 1000000000,
        value_high = value_high - OLD.estimated_value / 1000000000
    WHERE OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')
      AND owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
    INSERT INTO open_pipeline (owner_id, stage, currency, deals, value, value_high)
    SELECT NEW.owner_id, NEW.stage, NEW.currency, 1, NEW.estimated_value % 1000000000, NEW.estimated_value / 1000000000
    WHERE NEW.deleted = 0 AND NEW.stage NOT IN ('won', 'lost')
    ON CONFLICT (owner_id, stage, currency) DO UPDATE SET deals = open_pipeline.deals + 1, value = open_pipeline.value + excluded.value,
        value_high = open_pipeline.value_high + excluded.value_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p42_open_pipeline_after_update AFTER UPDATE OF owner_id, stage, currency, estimated_value, deleted ON leads FOR EACH ROW EXECUTE FUNCTION p42_open_pipeline_after_update();

CREATE FUNCTION p41_open_pipeline_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_pipeline SET deals = deals - 1, value = value - OLD.estimated_value % 1000000000,
        value_high = value_high - OLD.estimated_value / 1000000000
    WHERE owner_id = OLD.owner_id AND stage = OLD.stage AND currency = OLD.currency;
    RETURN NULL;
END
$$;
CREATE TRIGGER p41_open_pipeline_after_delete AFTER DELETE ON leads FOR EACH ROW
    WHEN (OLD.deleted = 0 AND OLD.stage NOT IN ('won', 'lost')) EXECUTE FUNCTION p41_open_pipeline_after_delete();

CREATE FUNCTION p40_users_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_state SET last_version = last_version + 1 WHERE id = 1;
    UPDATE users SET scope_version = (SELECT last_version FROM sync_state WHERE id = 1)
    WHERE id = NEW.id;
    UPDATE teams SET scope_version = (SELECT last_version FROM sync_state WHERE id = 1)
    WHERE id IN (OLD.team_id, NEW.team_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER p40_users_scope_change AFTER UPDATE OF team_id, role ON users FOR EACH ROW
    WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.role <> NEW.role) EXECUTE FUNCTION p40_users_scope_change();

CREATE FUNCTION p39_records_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'record', NEW.id, NEW.title, 'created', NULL, NEW.title);
    RETURN NULL;
END
$$;
CREATE TRIGGER p39_records_audit_insert AFTER INSERT ON records FOR EACH ROW EXECUTE FUNCTION p39_records_audit_insert();

CREATE FUNCTION p38_records_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
           'record', NEW.id, NEW.title, change.field, change.old_value, change.new_value
    FROM (SELECT 'kind' AS field, OLD.kind::text AS old_value, NEW.kind::text AS new_value
            UNION ALL SELECT 'title', OLD.title::text, NEW.title::text
            UNION ALL SELECT 'amount', OLD.amount::text, NEW.amount::text
            UNION ALL SELECT 'currency', OLD.currency::text, NEW.currency::text
            UNION ALL SELECT 'period_start', OLD.period_start::text, NEW.period_start::text
            UNION ALL SELECT 'period_end', OLD.period_end::text, NEW.period_end::text
            UNION ALL SELECT 'body', OLD.body::text, NEW.body::text
            UNION ALL SELECT 'person_id', OLD.person_id::text, NEW.person_id::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p38_records_audit_update AFTER UPDATE ON records FOR EACH ROW EXECUTE FUNCTION p38_records_audit_update();

CREATE FUNCTION p37_goals_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'goal', NEW.id, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end, 'created', NULL, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end);
    RETURN NULL;
END
$$;
CREATE TRIGGER p37_goals_audit_insert AFTER INSERT ON goals FOR EACH ROW EXECUTE FUNCTION p37_goals_audit_insert();

CREATE FUNCTION p36_goals_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
           'goal', NEW.id, NEW.metric || ' ' || NEW.period_start || '..' || NEW.period_end, change.field, change.old_value, change.new_value
    FROM (SELECT 'scope' AS field, OLD.scope::text AS old_value, NEW.scope::text AS new_value
            UNION ALL SELECT 'subject_id', OLD.subject_id::text, NEW.subject_id::text
            UNION ALL SELECT 'metric', OLD.metric::text, NEW.metric::text
            UNION ALL SELECT 'target', OLD.target::text, NEW.target::text
            UNION ALL SELECT 'currency', OLD.currency::text, NEW.currency::text
            UNION ALL SELECT 'period_start', OLD.period_start::text, NEW.period_start::text
            UNION ALL SELECT 'period_end', OLD.period_end::text, NEW.period_end::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p36_goals_audit_update AFTER UPDATE ON goals FOR EACH ROW EXECUTE FUNCTION p36_goals_audit_update();

CREATE FUNCTION p35_compensation_plans_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'plan', NEW.id, NEW.effective_from, 'created', NULL, NEW.effective_from);
    RETURN NULL;
END
$$;
CREATE TRIGGER p35_compensation_plans_audit_insert AFTER INSERT ON compensation_plans FOR EACH ROW EXECUTE FUNCTION p35_compensation_plans_audit_insert();

CREATE FUNCTION p34_compensation_plans_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
           'plan', NEW.id, NEW.effective_from, change.field, change.old_value, change.new_value
    FROM (SELECT 'effective_from' AS field, OLD.effective_from::text AS old_value, NEW.effective_from::text AS new_value
            UNION ALL SELECT 'effective_to', OLD.effective_to::text, NEW.effective_to::text
            UNION ALL SELECT 'new_customer_rate', OLD.new_customer_rate::text, NEW.new_customer_rate::text
            UNION ALL SELECT 'existing_customer_rate', OLD.existing_customer_rate::text, NEW.existing_customer_rate::text
            UNION ALL SELECT 'tiers', OLD.tiers::text, NEW.tiers::text
            UNION ALL SELECT 'rep_bonus', OLD.rep_bonus::text, NEW.rep_bonus::text
            UNION ALL SELECT 'team_bonus', OLD.team_bonus::text, NEW.team_bonus::text
            UNION ALL SELECT 'bonus_currency', OLD.bonus_currency::text, NEW.bonus_currency::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p34_compensation_plans_audit_update AFTER UPDATE ON compensation_plans FOR EACH ROW EXECUTE FUNCTION p34_compensation_plans_audit_update();

CREATE FUNCTION p33_users_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'person', NEW.id, NEW.display_name, 'created', NULL, NEW.display_name);
    RETURN NULL;
END
$$;
CREATE TRIGGER p33_users_audit_insert AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION p33_users_audit_insert();

CREATE FUNCTION p32_users_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
           'person', NEW.id, NEW.display_name, change.field, change.old_value, change.new_value
    FROM (SELECT 'email' AS field, OLD.email::text AS old_value, NEW.email::text AS new_value
            UNION ALL SELECT 'display_name', OLD.display_name::text, NEW.display_name::text
            UNION ALL SELECT 'role', OLD.role::text, NEW.role::text
            UNION ALL SELECT 'team_id', OLD.team_id::text, NEW.team_id::text
            UNION ALL SELECT 'locale', OLD.locale::text, NEW.locale::text
            UNION ALL SELECT 'active', OLD.active::text, NEW.active::text
            UNION ALL SELECT 'lead_capacity', OLD.lead_capacity::text, NEW.lead_capacity::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text
            UNION ALL SELECT 'password', CASE WHEN OLD.password_hash::text IS DISTINCT FROM NEW.password_hash::text THEN 'old' END, CASE WHEN OLD.password_hash::text IS DISTINCT FROM NEW.password_hash::text THEN 'new' END) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p32_users_audit_update AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION p32_users_audit_update();

CREATE FUNCTION p31_teams_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.id,
            'team', NEW.id, NEW.name, 'created', NULL, NEW.name);
    RETURN NULL;
END
$$;
CREATE TRIGGER p31_teams_audit_insert AFTER INSERT ON teams FOR EACH ROW EXECUTE FUNCTION p31_teams_audit_insert();

CREATE FUNCTION p30_teams_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.id,
           'team', NEW.id, NEW.name, change.field, change.old_value, change.new_value
    FROM (SELECT 'name' AS field, OLD.name::text AS old_value, NEW.name::text AS new_value
            UNION ALL SELECT 'calendar', OLD.calendar::text, NEW.calendar::text
            UNION ALL SELECT 'time_zone', OLD.time_zone::text, NEW.time_zone::text
            UNION ALL SELECT 'working_week', OLD.working_week::text, NEW.working_week::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p30_teams_audit_update AFTER UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION p30_teams_audit_update();

CREATE FUNCTION p29_training_programmes_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.created_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'record', NEW.id, NEW.title, 'created', NULL, NEW.title);
    RETURN NULL;
END
$$;
CREATE TRIGGER p29_training_programmes_audit_insert AFTER INSERT ON training_programmes FOR EACH ROW EXECUTE FUNCTION p29_training_programmes_audit_insert();

CREATE FUNCTION p28_training_programmes_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
           'record', NEW.id, NEW.title, change.field, change.old_value, change.new_value
    FROM (SELECT 'training_kind' AS field, OLD.kind::text AS old_value, NEW.kind::text AS new_value
            UNION ALL SELECT 'title', OLD.title::text, NEW.title::text
            UNION ALL SELECT 'body', OLD.description::text, NEW.description::text
            UNION ALL SELECT 'deleted', OLD.deleted::text, NEW.deleted::text) AS change
    WHERE change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p28_training_programmes_audit_update AFTER UPDATE ON training_programmes FOR EACH ROW EXECUTE FUNCTION p28_training_programmes_audit_update();

CREATE FUNCTION p27_training_completions_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULLIF(current_setting('pishro.actor', true), ''), programme.team_id,
           'record', programme.id, programme.title, 'training_completed', NULL,
           (SELECT display_name FROM users WHERE id = NEW.person_id) || ' ' || NEW.completed_on
    FROM training_programmes AS programme WHERE programme.id = NEW.programme_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p27_training_completions_audit_insert AFTER INSERT ON training_completions FOR EACH ROW EXECUTE FUNCTION p27_training_completions_audit_insert();

CREATE FUNCTION p26_training_completions_audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULLIF(current_setting('pishro.actor', true), ''), programme.team_id,
           'record', programme.id, programme.title, 'training_completed',
           (SELECT display_name FROM users WHERE id = OLD.person_id) || ' ' || OLD.completed_on, NULL
    FROM training_programmes AS programme WHERE programme.id = OLD.programme_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p26_training_completions_audit_delete AFTER DELETE ON training_completions FOR EACH ROW EXECUTE FUNCTION p26_training_completions_audit_delete();

CREATE FUNCTION p25_staff_records_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), person.team_id,
           'person', person.id, person.display_name, change.field, NULL, change.new_value
    FROM users AS person,
         (SELECT 'started_on' AS field, NEW.started_on::text AS new_value
            UNION ALL SELECT 'staff_notes', NULLIF(NEW.notes::text, '')) AS change
    WHERE person.id = NEW.user_id AND change.new_value IS NOT NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER p25_staff_records_audit_insert AFTER INSERT ON staff_records FOR EACH ROW EXECUTE FUNCTION p25_staff_records_audit_insert();

CREATE FUNCTION p24_staff_records_audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    SELECT NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), person.team_id,
           'person', person.id, person.display_name, change.field, change.old_value, change.new_value
    FROM users AS person,
         (SELECT 'started_on' AS field, OLD.started_on::text AS old_value, NEW.started_on::text AS new_value
            UNION ALL SELECT 'staff_notes', OLD.notes::text, NEW.notes::text) AS change
    WHERE person.id = NEW.user_id AND change.old_value IS DISTINCT FROM change.new_value;
    RETURN NULL;
END
$$;
CREATE TRIGGER p24_staff_records_audit_update AFTER UPDATE ON staff_records FOR EACH ROW EXECUTE FUNCTION p24_staff_records_audit_update();

CREATE FUNCTION p23_leads_event_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_leads (lead_id, event_id, added_by, added_at)
    VALUES (NEW.id, NEW.event_id, COALESCE(NULLIF(current_setting('pishro.actor', true), ''), NEW.owner_id), NEW.updated_at)
    ON CONFLICT (lead_id) DO UPDATE SET event_id = excluded.event_id, added_by = excluded.added_by,
        added_at = excluded.added_at;
    RETURN NULL;
END
$$;
CREATE TRIGGER p23_leads_event_insert AFTER INSERT ON leads FOR EACH ROW
    WHEN (NEW.event_id IS NOT NULL) EXECUTE FUNCTION p23_leads_event_insert();

CREATE FUNCTION p22_leads_event_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_leads WHERE lead_id = NEW.id AND NEW.event_id IS NULL;
    INSERT INTO event_leads (lead_id, event_id, added_by, added_at)
    SELECT NEW.id, NEW.event_id, COALESCE(NULLIF(current_setting('pishro.actor', true), ''), NEW.owner_id), NEW.updated_at
    WHERE NEW.event_id IS NOT NULL
    ON CONFLICT (lead_id) DO UPDATE SET event_id = excluded.event_id, added_by = excluded.added_by,
        added_at = excluded.added_at;
    RETURN NULL;
END
$$;
CREATE TRIGGER p22_leads_event_update AFTER UPDATE OF event_id ON leads FOR EACH ROW
    WHEN (NEW.event_id IS DISTINCT FROM OLD.event_id) EXECUTE FUNCTION p22_leads_event_update();

CREATE FUNCTION p21_records_audit_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, team_id, subject_kind, subject_id, subject_name, field, old_value, new_value)
    VALUES (NEW.updated_at, NULLIF(current_setting('pishro.actor', true), ''), NEW.team_id,
            'record', NEW.id, NEW.title, 'tags', REPLACE(OLD.tags, chr(10), ', '), REPLACE(NEW.tags, chr(10), ', '));
    RETURN NULL;
END
$$;
CREATE TRIGGER p21_records_audit_tags AFTER UPDATE OF tags ON records FOR EACH ROW
    WHEN (OLD.tags IS DISTINCT FROM NEW.tags) EXECUTE FUNCTION p21_records_audit_tags();

CREATE FUNCTION p20_stage_moves_report_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stage_moves SET
        lead_live = COALESCE((SELECT (deleted = 0)::int FROM leads WHERE id = NEW.lead_id), 0),
        went_on = (EXISTS (SELECT 1 FROM stage_moves later WHERE later.lead_id = NEW.lead_id
                            AND later.from_stage = NEW.to_stage AND later.forward = 1
                            AND later.moved_at >= NEW.moved_at))::int
    WHERE id = NEW.id;
    UPDATE stage_moves SET went_on = 1
    WHERE NEW.forward = 1 AND NEW.from_stage IS NOT NULL AND lead_id = NEW.lead_id
      AND to_stage = NEW.from_stage AND moved_at <= NEW.moved_at AND went_on = 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER p20_stage_moves_report_after_insert AFTER INSERT ON stage_moves FOR EACH ROW EXECUTE FUNCTION p20_stage_moves_report_after_insert();

CREATE FUNCTION p19_stage_moves_lead_live_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stage_moves SET lead_live = (NEW.deleted = 0)::int WHERE lead_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p19_stage_moves_lead_live_after_update AFTER UPDATE OF deleted ON leads FOR EACH ROW
    WHEN (NEW.deleted <> OLD.deleted) EXECUTE FUNCTION p19_stage_moves_lead_live_after_update();

CREATE FUNCTION p18_closed_stage_days_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO closed_stage_days (owner_id, day, stage, closed, won)
    VALUES (NEW.owner_id, NEW.day, NEW.stage, 1, NEW.won)
    ON CONFLICT (owner_id, day, stage) DO UPDATE SET closed = closed_stage_days.closed + 1, won = closed_stage_days.won + excluded.won;
    RETURN NULL;
END
$$;
CREATE TRIGGER p18_closed_stage_days_after_insert AFTER INSERT ON closed_lead_paths FOR EACH ROW EXECUTE FUNCTION p18_closed_stage_days_after_insert();

CREATE FUNCTION p17_closed_stage_days_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE closed_stage_days SET closed = closed - 1, won = won - OLD.won
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage;
    DELETE FROM closed_stage_days
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage AND closed = 0;
    RETURN NULL;
END
$$;
CREATE TRIGGER p17_closed_stage_days_after_delete AFTER DELETE ON closed_lead_paths FOR EACH ROW EXECUTE FUNCTION p17_closed_stage_days_after_delete();

CREATE FUNCTION p16_closed_stage_days_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE closed_stage_days SET closed = closed - 1, won = won - OLD.won
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage;
    DELETE FROM closed_stage_days
    WHERE owner_id = OLD.owner_id AND day = OLD.day AND stage = OLD.stage AND closed = 0;
    INSERT INTO closed_stage_days (owner_id, day, stage, closed, won)
    VALUES (NEW.owner_id, NEW.day, NEW.stage, 1, NEW.won)
    ON CONFLICT (owner_id, day, stage) DO UPDATE SET closed = closed_stage_days.closed + 1, won = closed_stage_days.won + excluded.won;
    RETURN NULL;
END
$$;
CREATE TRIGGER p16_closed_stage_days_after_update AFTER UPDATE OF owner_id, day, stage, won ON closed_lead_paths FOR EACH ROW EXECUTE FUNCTION p16_closed_stage_days_after_update();

CREATE FUNCTION p15_lead_first_touches_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END,
           1, (t.moved_after < 604800000)::int, (t.moved_after < 1209600000)::int, (t.moved_after < 2592000000)::int, (t.moved_after < 5184000000)::int, (t.moved_after < 7776000000)::int, (t.moved_after < 15552000000)::int, (t.won_after < 604800000)::int, (t.won_after < 1209600000)::int, (t.won_after < 2592000000)::int, (t.won_after < 5184000000)::int, (t.won_after < 7776000000)::int, (t.won_after < 15552000000)::int
    FROM (SELECT CASE WHEN NEW.lead_live <> 0 AND NEW.forward_at IS NOT NULL THEN trunc((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live <> 0 AND NEW.lead_won <> 0 AND NEW.won_at IS NOT NULL THEN trunc((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = approach_reach_days.reached + excluded.reached, moved_7 = approach_reach_days.moved_7 + excluded.moved_7, moved_14 = approach_reach_days.moved_14 + excluded.moved_14, moved_30 = approach_reach_days.moved_30 + excluded.moved_30, moved_60 = approach_reach_days.moved_60 + excluded.moved_60, moved_90 = approach_reach_days.moved_90 + excluded.moved_90, moved_180 = approach_reach_days.moved_180 + excluded.moved_180, won_7 = approach_reach_days.won_7 + excluded.won_7, won_14 = approach_reach_days.won_14 + excluded.won_14, won_30 = approach_reach_days.won_30 + excluded.won_30, won_60 = approach_reach_days.won_60 + excluded.won_60, won_90 = approach_reach_days.won_90 + excluded.won_90, won_180 = approach_reach_days.won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END, NEW.currency,
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN NEW.lead_live <> 0 AND NEW.forward_at IS NOT NULL THEN trunc((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live <> 0 AND NEW.lead_won <> 0 AND NEW.won_at IS NOT NULL THEN trunc((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL) AND NEW.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = approach_revenue_days.revenue_7 + excluded.revenue_7, revenue_7_high = approach_revenue_days.revenue_7_high + excluded.revenue_7_high, revenue_14 = approach_revenue_days.revenue_14 + excluded.revenue_14, revenue_14_high = approach_revenue_days.revenue_14_high + excluded.revenue_14_high, revenue_30 = approach_revenue_days.revenue_30 + excluded.revenue_30, revenue_30_high = approach_revenue_days.revenue_30_high + excluded.revenue_30_high, revenue_60 = approach_revenue_days.revenue_60 + excluded.revenue_60, revenue_60_high = approach_revenue_days.revenue_60_high + excluded.revenue_60_high, revenue_90 = approach_revenue_days.revenue_90 + excluded.revenue_90, revenue_90_high = approach_revenue_days.revenue_90_high + excluded.revenue_90_high, revenue_180 = approach_revenue_days.revenue_180 + excluded.revenue_180, revenue_180_high = approach_revenue_days.revenue_180_high + excluded.revenue_180_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p15_lead_first_touches_after_insert AFTER INSERT ON lead_first_touches FOR EACH ROW EXECUTE FUNCTION p15_lead_first_touches_after_insert();

CREATE FUNCTION p14_lead_first_touches_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END,
           -1, -(t.moved_after < 604800000)::int, -(t.moved_after < 1209600000)::int, -(t.moved_after < 2592000000)::int, -(t.moved_after < 5184000000)::int, -(t.moved_after < 7776000000)::int, -(t.moved_after < 15552000000)::int, -(t.won_after < 604800000)::int, -(t.won_after < 1209600000)::int, -(t.won_after < 2592000000)::int, -(t.won_after < 5184000000)::int, -(t.won_after < 7776000000)::int, -(t.won_after < 15552000000)::int
    FROM (SELECT CASE WHEN OLD.lead_live <> 0 AND OLD.forward_at IS NOT NULL THEN trunc((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live <> 0 AND OLD.lead_won <> 0 AND OLD.won_at IS NOT NULL THEN trunc((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = approach_reach_days.reached + excluded.reached, moved_7 = approach_reach_days.moved_7 + excluded.moved_7, moved_14 = approach_reach_days.moved_14 + excluded.moved_14, moved_30 = approach_reach_days.moved_30 + excluded.moved_30, moved_60 = approach_reach_days.moved_60 + excluded.moved_60, moved_90 = approach_reach_days.moved_90 + excluded.moved_90, moved_180 = approach_reach_days.moved_180 + excluded.moved_180, won_7 = approach_reach_days.won_7 + excluded.won_7, won_14 = approach_reach_days.won_14 + excluded.won_14, won_30 = approach_reach_days.won_30 + excluded.won_30, won_60 = approach_reach_days.won_60 + excluded.won_60, won_90 = approach_reach_days.won_90 + excluded.won_90, won_180 = approach_reach_days.won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END, OLD.currency,
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN OLD.lead_live <> 0 AND OLD.forward_at IS NOT NULL THEN trunc((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live <> 0 AND OLD.lead_won <> 0 AND OLD.won_at IS NOT NULL THEN trunc((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL) AND OLD.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = approach_revenue_days.revenue_7 + excluded.revenue_7, revenue_7_high = approach_revenue_days.revenue_7_high + excluded.revenue_7_high, revenue_14 = approach_revenue_days.revenue_14 + excluded.revenue_14, revenue_14_high = approach_revenue_days.revenue_14_high + excluded.revenue_14_high, revenue_30 = approach_revenue_days.revenue_30 + excluded.revenue_30, revenue_30_high = approach_revenue_days.revenue_30_high + excluded.revenue_30_high, revenue_60 = approach_revenue_days.revenue_60 + excluded.revenue_60, revenue_60_high = approach_revenue_days.revenue_60_high + excluded.revenue_60_high, revenue_90 = approach_revenue_days.revenue_90 + excluded.revenue_90, revenue_90_high = approach_revenue_days.revenue_90_high + excluded.revenue_90_high, revenue_180 = approach_revenue_days.revenue_180 + excluded.revenue_180, revenue_180_high = approach_revenue_days.revenue_180_high + excluded.revenue_180_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p14_lead_first_touches_after_delete AFTER DELETE ON lead_first_touches FOR EACH ROW EXECUTE FUNCTION p14_lead_first_touches_after_delete();

CREATE FUNCTION p13_lead_first_touches_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END,
           -1, -(t.moved_after < 604800000)::int, -(t.moved_after < 1209600000)::int, -(t.moved_after < 2592000000)::int, -(t.moved_after < 5184000000)::int, -(t.moved_after < 7776000000)::int, -(t.moved_after < 15552000000)::int, -(t.won_after < 604800000)::int, -(t.won_after < 1209600000)::int, -(t.won_after < 2592000000)::int, -(t.won_after < 5184000000)::int, -(t.won_after < 7776000000)::int, -(t.won_after < 15552000000)::int
    FROM (SELECT CASE WHEN OLD.lead_live <> 0 AND OLD.forward_at IS NOT NULL THEN trunc((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live <> 0 AND OLD.lead_won <> 0 AND OLD.won_at IS NOT NULL THEN trunc((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = approach_reach_days.reached + excluded.reached, moved_7 = approach_reach_days.moved_7 + excluded.moved_7, moved_14 = approach_reach_days.moved_14 + excluded.moved_14, moved_30 = approach_reach_days.moved_30 + excluded.moved_30, moved_60 = approach_reach_days.moved_60 + excluded.moved_60, moved_90 = approach_reach_days.moved_90 + excluded.moved_90, moved_180 = approach_reach_days.moved_180 + excluded.moved_180, won_7 = approach_reach_days.won_7 + excluded.won_7, won_14 = approach_reach_days.won_14 + excluded.won_14, won_30 = approach_reach_days.won_30 + excluded.won_30, won_60 = approach_reach_days.won_60 + excluded.won_60, won_90 = approach_reach_days.won_90 + excluded.won_90, won_180 = approach_reach_days.won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT OLD.owner_id, OLD.day, CASE OLD.grouping WHEN 'lead' THEN 'source' ELSE OLD.grouping END, CASE OLD.grouping WHEN 'lead' THEN OLD.source ELSE OLD.approach END, OLD.currency,
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 604800000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 1209600000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 2592000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 5184000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 7776000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) % 1000000000 ELSE 0 END),
           -(CASE WHEN t.won_after < 15552000000 THEN COALESCE(OLD.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN OLD.lead_live <> 0 AND OLD.forward_at IS NOT NULL THEN trunc((julianday(OLD.forward_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN OLD.lead_live <> 0 AND OLD.lead_won <> 0 AND OLD.won_at IS NOT NULL THEN trunc((julianday(OLD.won_at) - julianday(OLD.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (OLD.grouping <> 'lead' OR OLD.source IS NOT NULL) AND OLD.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = approach_revenue_days.revenue_7 + excluded.revenue_7, revenue_7_high = approach_revenue_days.revenue_7_high + excluded.revenue_7_high, revenue_14 = approach_revenue_days.revenue_14 + excluded.revenue_14, revenue_14_high = approach_revenue_days.revenue_14_high + excluded.revenue_14_high, revenue_30 = approach_revenue_days.revenue_30 + excluded.revenue_30, revenue_30_high = approach_revenue_days.revenue_30_high + excluded.revenue_30_high, revenue_60 = approach_revenue_days.revenue_60 + excluded.revenue_60, revenue_60_high = approach_revenue_days.revenue_60_high + excluded.revenue_60_high, revenue_90 = approach_revenue_days.revenue_90 + excluded.revenue_90, revenue_90_high = approach_revenue_days.revenue_90_high + excluded.revenue_90_high, revenue_180 = approach_revenue_days.revenue_180 + excluded.revenue_180, revenue_180_high = approach_revenue_days.revenue_180_high + excluded.revenue_180_high;
    INSERT INTO approach_reach_days (owner_id, day, grouping, approach, reached, moved_7, moved_14, moved_30, moved_60, moved_90, moved_180, won_7, won_14, won_30, won_60, won_90, won_180)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END,
           1, (t.moved_after < 604800000)::int, (t.moved_after < 1209600000)::int, (t.moved_after < 2592000000)::int, (t.moved_after < 5184000000)::int, (t.moved_after < 7776000000)::int, (t.moved_after < 15552000000)::int, (t.won_after < 604800000)::int, (t.won_after < 1209600000)::int, (t.won_after < 2592000000)::int, (t.won_after < 5184000000)::int, (t.won_after < 7776000000)::int, (t.won_after < 15552000000)::int
    FROM (SELECT CASE WHEN NEW.lead_live <> 0 AND NEW.forward_at IS NOT NULL THEN trunc((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live <> 0 AND NEW.lead_won <> 0 AND NEW.won_at IS NOT NULL THEN trunc((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL)
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET
        reached = approach_reach_days.reached + excluded.reached, moved_7 = approach_reach_days.moved_7 + excluded.moved_7, moved_14 = approach_reach_days.moved_14 + excluded.moved_14, moved_30 = approach_reach_days.moved_30 + excluded.moved_30, moved_60 = approach_reach_days.moved_60 + excluded.moved_60, moved_90 = approach_reach_days.moved_90 + excluded.moved_90, moved_180 = approach_reach_days.moved_180 + excluded.moved_180, won_7 = approach_reach_days.won_7 + excluded.won_7, won_14 = approach_reach_days.won_14 + excluded.won_14, won_30 = approach_reach_days.won_30 + excluded.won_30, won_60 = approach_reach_days.won_60 + excluded.won_60, won_90 = approach_reach_days.won_90 + excluded.won_90, won_180 = approach_reach_days.won_180 + excluded.won_180;
    INSERT INTO approach_revenue_days (owner_id, day, grouping, approach, currency, revenue_7, revenue_7_high, revenue_14, revenue_14_high, revenue_30, revenue_30_high, revenue_60, revenue_60_high, revenue_90, revenue_90_high, revenue_180, revenue_180_high)
    SELECT NEW.owner_id, NEW.day, CASE NEW.grouping WHEN 'lead' THEN 'source' ELSE NEW.grouping END, CASE NEW.grouping WHEN 'lead' THEN NEW.source ELSE NEW.approach END, NEW.currency,
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 604800000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 1209600000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 2592000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 5184000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 7776000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) % 1000000000 ELSE 0 END),
           (CASE WHEN t.won_after < 15552000000 THEN COALESCE(NEW.won_amount, 0) / 1000000000 ELSE 0 END)
    FROM (SELECT CASE WHEN NEW.lead_live <> 0 AND NEW.forward_at IS NOT NULL THEN trunc((julianday(NEW.forward_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS moved_after,
                 CASE WHEN NEW.lead_live <> 0 AND NEW.lead_won <> 0 AND NEW.won_at IS NOT NULL THEN trunc((julianday(NEW.won_at) - julianday(NEW.occurred_at)) * 86400000 + 0.5)::bigint ELSE 1000000000000000000 END AS won_after) t
    WHERE (NEW.grouping <> 'lead' OR NEW.source IS NOT NULL) AND NEW.currency IS NOT NULL AND t.won_after < 15552000000
    ON CONFLICT (owner_id, day, grouping, approach, currency) DO UPDATE SET
        revenue_7 = approach_revenue_days.revenue_7 + excluded.revenue_7, revenue_7_high = approach_revenue_days.revenue_7_high + excluded.revenue_7_high, revenue_14 = approach_revenue_days.revenue_14 + excluded.revenue_14, revenue_14_high = approach_revenue_days.revenue_14_high + excluded.revenue_14_high, revenue_30 = approach_revenue_days.revenue_30 + excluded.revenue_30, revenue_30_high = approach_revenue_days.revenue_30_high + excluded.revenue_30_high, revenue_60 = approach_revenue_days.revenue_60 + excluded.revenue_60, revenue_60_high = approach_revenue_days.revenue_60_high + excluded.revenue_60_high, revenue_90 = approach_revenue_days.revenue_90 + excluded.revenue_90, revenue_90_high = approach_revenue_days.revenue_90_high + excluded.revenue_90_high, revenue_180 = approach_revenue_days.revenue_180 + excluded.revenue_180, revenue_180_high = approach_revenue_days.revenue_180_high + excluded.revenue_180_high;
    RETURN NULL;
END
$$;
CREATE TRIGGER p13_lead_first_touches_after_update AFTER UPDATE ON lead_first_touches FOR EACH ROW
    WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.day IS DISTINCT FROM NEW.day OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
  OR OLD.forward_at IS DISTINCT FROM NEW.forward_at OR OLD.won_at IS DISTINCT FROM NEW.won_at OR OLD.lead_live IS DISTINCT FROM NEW.lead_live
  OR OLD.lead_won IS DISTINCT FROM NEW.lead_won OR OLD.source IS DISTINCT FROM NEW.source OR OLD.currency IS DISTINCT FROM NEW.currency
  OR OLD.won_amount IS DISTINCT FROM NEW.won_amount) EXECUTE FUNCTION p13_lead_first_touches_after_update();

CREATE FUNCTION p12_approach_days_after_activity_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT NEW.owner_id, pishro_local_day(NEW.occurred_at, NEW.owner_id), g.grouping, g.approach, 1
    FROM (SELECT 'tactic' AS grouping, NEW.tactic::text AS approach UNION ALL SELECT 'kind', NEW.kind::text
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = NEW.lead_id::text)) g
    WHERE NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    RETURN NULL;
END
$$;
CREATE TRIGGER p12_approach_days_after_activity_insert AFTER INSERT ON activities FOR EACH ROW
    WHEN (NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL) EXECUTE FUNCTION p12_approach_days_after_activity_insert();

CREATE FUNCTION p11_lead_first_touches_after_activity_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (NEW.lead_id IS NOT NULL AND NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'tactic' AND f.approach = NEW.tactic AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'kind' AND f.approach = NEW.kind AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'lead' AND f.approach = '' AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id))))) THEN RETURN NULL; END IF;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT NEW.lead_id, g.grouping, g.approach, NEW.id, NEW.owner_id, NEW.occurred_at, x.day,
           x.forward_at, x.won_at, x.lead_live, x.lead_won, x.source, x.currency, x.won_amount
    FROM (SELECT pishro_local_day(NEW.occurred_at, NEW.owner_id) AS day,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= NEW.occurred_at) AS forward_at,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND m.to_stage = 'won' AND m.moved_at >= NEW.occurred_at) AS won_at,
                 COALESCE((l.deleted = 0)::int, 0) AS lead_live, COALESCE((l.stage = 'won')::int, 0) AS lead_won,
                 l.source, l.currency, l.won_amount
          FROM (SELECT 1) AS one LEFT JOIN leads l ON l.id = NEW.lead_id LIMIT 1) x
    CROSS JOIN (SELECT 'tactic' AS grouping, NEW.tactic::text AS approach UNION ALL SELECT 'kind', NEW.kind::text UNION ALL SELECT 'lead', '') g
    WHERE true
    ON CONFLICT (lead_id, grouping, approach) DO UPDATE SET activity_id = excluded.activity_id, owner_id = excluded.owner_id, occurred_at = excluded.occurred_at, day = excluded.day, forward_at = excluded.forward_at, won_at = excluded.won_at, lead_live = excluded.lead_live, lead_won = excluded.lead_won, source = excluded.source, currency = excluded.currency, won_amount = excluded.won_amount
    WHERE excluded.occurred_at < lead_first_touches.occurred_at
       OR (excluded.occurred_at = lead_first_touches.occurred_at AND excluded.activity_id < lead_first_touches.activity_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER p11_lead_first_touches_after_activity_insert AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION p11_lead_first_touches_after_activity_insert();

CREATE FUNCTION p10_approach_days_after_activity_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT OLD.owner_id, pishro_local_day(OLD.occurred_at, OLD.owner_id), g.grouping, g.approach, -1
    FROM (SELECT 'tactic' AS grouping, OLD.tactic::text AS approach UNION ALL SELECT 'kind', OLD.kind::text
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = OLD.lead_id::text)) g
    WHERE OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    RETURN NULL;
END
$$;
CREATE TRIGGER p10_approach_days_after_activity_delete AFTER DELETE ON activities FOR EACH ROW
    WHEN (OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL) EXECUTE FUNCTION p10_approach_days_after_activity_delete();

CREATE FUNCTION p09_lead_first_touches_after_activity_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (EXISTS (SELECT 1 FROM lead_first_touches WHERE activity_id = OLD.id)) THEN RETURN NULL; END IF;
    DELETE FROM lead_first_touches WHERE activity_id = OLD.id;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT a.lead_id, g.grouping, g.approach, a.id, a.owner_id, a.occurred_at, pishro_local_day(a.occurred_at, a.owner_id),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= a.occurred_at),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND m.to_stage = 'won' AND m.moved_at >= a.occurred_at),
           COALESCE((l.deleted = 0)::int, 0), COALESCE((l.stage = 'won')::int, 0), l.source, l.currency, l.won_amount
    FROM (SELECT 'tactic' AS grouping, OLD.tactic::text AS approach UNION ALL SELECT 'kind', OLD.kind::text UNION ALL SELECT 'lead', '') g
    JOIN activities a ON a.id = (
        SELECT b.id FROM activities b WHERE b.lead_id = OLD.lead_id AND b.deleted = 0 AND b.kind <> 'task' AND b.occurred_at IS NOT NULL
          AND (g.grouping = 'lead' OR (g.grouping = 'tactic' AND b.tactic = g.approach)
               OR (g.grouping = 'kind' AND b.kind = g.approach))
        ORDER BY b.occurred_at, b.id LIMIT 1)
    LEFT JOIN leads l ON l.id = a.lead_id
    WHERE OLD.lead_id IS NOT NULL
    ON CONFLICT (lead_id, grouping, approach) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER p09_lead_first_touches_after_activity_delete AFTER DELETE ON activities FOR EACH ROW EXECUTE FUNCTION p09_lead_first_touches_after_activity_delete();

CREATE FUNCTION p08_approach_days_after_activity_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT OLD.owner_id, pishro_local_day(OLD.occurred_at, OLD.owner_id), g.grouping, g.approach, -1
    FROM (SELECT 'tactic' AS grouping, OLD.tactic::text AS approach UNION ALL SELECT 'kind', OLD.kind::text
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = OLD.lead_id::text)) g
    WHERE OLD.deleted = 0 AND OLD.kind <> 'task' AND OLD.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT NEW.owner_id, pishro_local_day(NEW.occurred_at, NEW.owner_id), g.grouping, g.approach, 1
    FROM (SELECT 'tactic' AS grouping, NEW.tactic::text AS approach UNION ALL SELECT 'kind', NEW.kind::text
          UNION ALL SELECT 'source', (SELECT source FROM leads WHERE id = NEW.lead_id::text)) g
    WHERE NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL AND g.approach IS NOT NULL
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    RETURN NULL;
END
$$;
CREATE TRIGGER p08_approach_days_after_activity_update AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities FOR EACH ROW EXECUTE FUNCTION p08_approach_days_after_activity_update();

CREATE FUNCTION p07_lead_first_touches_after_activity_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (EXISTS (SELECT 1 FROM lead_first_touches WHERE activity_id = OLD.id)) THEN RETURN NULL; END IF;
    DELETE FROM lead_first_touches WHERE activity_id = OLD.id;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT a.lead_id, g.grouping, g.approach, a.id, a.owner_id, a.occurred_at, pishro_local_day(a.occurred_at, a.owner_id),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= a.occurred_at),
           (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = a.lead_id
              AND m.to_stage = 'won' AND m.moved_at >= a.occurred_at),
           COALESCE((l.deleted = 0)::int, 0), COALESCE((l.stage = 'won')::int, 0), l.source, l.currency, l.won_amount
    FROM (SELECT 'tactic' AS grouping, OLD.tactic::text AS approach UNION ALL SELECT 'kind', OLD.kind::text UNION ALL SELECT 'lead', '') g
    JOIN activities a ON a.id = (
        SELECT b.id FROM activities b WHERE b.lead_id = OLD.lead_id AND b.deleted = 0 AND b.kind <> 'task' AND b.occurred_at IS NOT NULL
          AND (g.grouping = 'lead' OR (g.grouping = 'tactic' AND b.tactic = g.approach)
               OR (g.grouping = 'kind' AND b.kind = g.approach))
        ORDER BY b.occurred_at, b.id LIMIT 1)
    LEFT JOIN leads l ON l.id = a.lead_id
    WHERE OLD.lead_id IS NOT NULL
    ON CONFLICT (lead_id, grouping, approach) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER p07_lead_first_touches_after_activity_update AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities FOR EACH ROW EXECUTE FUNCTION p07_lead_first_touches_after_activity_update();

CREATE FUNCTION p06_lead_first_touches_after_activity_update_earlier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (NEW.lead_id IS NOT NULL AND NEW.deleted = 0 AND NEW.kind <> 'task' AND NEW.occurred_at IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'tactic' AND f.approach = NEW.tactic AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'kind' AND f.approach = NEW.kind AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id)))
       OR NOT EXISTS (SELECT 1 FROM lead_first_touches f WHERE f.lead_id = NEW.lead_id AND f.grouping = 'lead' AND f.approach = '' AND (f.occurred_at < NEW.occurred_at OR (f.occurred_at = NEW.occurred_at AND f.activity_id <= NEW.id))))) THEN RETURN NULL; END IF;
    INSERT INTO lead_first_touches (lead_id, grouping, approach, activity_id, owner_id, occurred_at, day, forward_at, won_at, lead_live, lead_won, source, currency, won_amount)
    SELECT NEW.lead_id, g.grouping, g.approach, NEW.id, NEW.owner_id, NEW.occurred_at, x.day,
           x.forward_at, x.won_at, x.lead_live, x.lead_won, x.source, x.currency, x.won_amount
    FROM (SELECT pishro_local_day(NEW.occurred_at, NEW.owner_id) AS day,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= NEW.occurred_at) AS forward_at,
                 (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = NEW.lead_id
                    AND m.to_stage = 'won' AND m.moved_at >= NEW.occurred_at) AS won_at,
                 COALESCE((l.deleted = 0)::int, 0) AS lead_live, COALESCE((l.stage = 'won')::int, 0) AS lead_won,
                 l.source, l.currency, l.won_amount
          FROM (SELECT 1) AS one LEFT JOIN leads l ON l.id = NEW.lead_id LIMIT 1) x
    CROSS JOIN (SELECT 'tactic' AS grouping, NEW.tactic::text AS approach UNION ALL SELECT 'kind', NEW.kind::text UNION ALL SELECT 'lead', '') g
    WHERE true
    ON CONFLICT (lead_id, grouping, approach) DO UPDATE SET activity_id = excluded.activity_id, owner_id = excluded.owner_id, occurred_at = excluded.occurred_at, day = excluded.day, forward_at = excluded.forward_at, won_at = excluded.won_at, lead_live = excluded.lead_live, lead_won = excluded.lead_won, source = excluded.source, currency = excluded.currency, won_amount = excluded.won_amount
    WHERE excluded.occurred_at < lead_first_touches.occurred_at
       OR (excluded.occurred_at = lead_first_touches.occurred_at AND excluded.activity_id < lead_first_touches.activity_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER p06_lead_first_touches_after_activity_update_earlier AFTER UPDATE OF lead_id, owner_id, kind, tactic, occurred_at, deleted ON activities FOR EACH ROW EXECUTE FUNCTION p06_lead_first_touches_after_activity_update_earlier();

CREATE FUNCTION p05_approach_days_after_lead_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, pishro_local_day(a.occurred_at, a.owner_id) AS local_day, 'source', OLD.source, -COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND OLD.source IS NOT NULL AND OLD.source IS DISTINCT FROM NEW.source
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, pishro_local_day(a.occurred_at, a.owner_id) AS local_day, 'source', NEW.source, COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND NEW.source IS NOT NULL AND OLD.source IS DISTINCT FROM NEW.source
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = (NEW.deleted = 0)::int, lead_won = (NEW.stage = 'won')::int, source = NEW.source,
        currency = NEW.currency, won_amount = NEW.won_amount
    WHERE lead_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p05_approach_days_after_lead_update AFTER UPDATE OF deleted, stage, source, currency, won_amount ON leads FOR EACH ROW
    WHEN (OLD.deleted <> NEW.deleted OR (OLD.stage = 'won') <> (NEW.stage = 'won') OR OLD.source IS DISTINCT FROM NEW.source
  OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD.won_amount IS DISTINCT FROM NEW.won_amount) EXECUTE FUNCTION p05_approach_days_after_lead_update();

CREATE FUNCTION p04_approach_days_after_lead_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, pishro_local_day(a.occurred_at, a.owner_id) AS local_day, 'source', NEW.source, COUNT(*)
    FROM activities a WHERE a.lead_id = NEW.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND NEW.source IS NOT NULL
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = (NEW.deleted = 0)::int, lead_won = (NEW.stage = 'won')::int, source = NEW.source,
        currency = NEW.currency, won_amount = NEW.won_amount
    WHERE lead_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p04_approach_days_after_lead_insert AFTER INSERT ON leads FOR EACH ROW EXECUTE FUNCTION p04_approach_days_after_lead_insert();

CREATE FUNCTION p03_approach_days_after_lead_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO approach_activity_days (owner_id, day, grouping, approach, activities)
    SELECT a.owner_id, pishro_local_day(a.occurred_at, a.owner_id) AS local_day, 'source', OLD.source, -COUNT(*)
    FROM activities a WHERE a.lead_id = OLD.id AND a.deleted = 0 AND a.kind <> 'task' AND a.occurred_at IS NOT NULL AND OLD.source IS NOT NULL
    GROUP BY a.owner_id, local_day
    ON CONFLICT (owner_id, day, grouping, approach) DO UPDATE SET activities = approach_activity_days.activities + excluded.activities;
    UPDATE lead_first_touches SET lead_live = 0, lead_won = 0, source = NULL, currency = NULL, won_amount = NULL
    WHERE lead_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER p03_approach_days_after_lead_delete AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION p03_approach_days_after_lead_delete();

CREATE FUNCTION p02_approach_days_after_stage_move_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE lead_first_touches SET
        forward_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= lead_first_touches.occurred_at),
        won_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                      AND m.to_stage = 'won' AND m.moved_at >= lead_first_touches.occurred_at)
    WHERE lead_id = NEW.lead_id AND occurred_at <= NEW.moved_at
      AND (forward_at IS NULL OR forward_at > NEW.moved_at
           OR (NEW.to_stage = 'won' AND (won_at IS NULL OR won_at > NEW.moved_at)));
    RETURN NULL;
END
$$;
CREATE TRIGGER p02_approach_days_after_stage_move_insert AFTER INSERT ON stage_moves FOR EACH ROW
    WHEN (NEW.forward = 1 OR NEW.to_stage = 'won') EXECUTE FUNCTION p02_approach_days_after_stage_move_insert();

CREATE FUNCTION p01_approach_days_after_stage_move_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE lead_first_touches SET
        forward_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                          AND (m.forward = 1 OR m.to_stage = 'won') AND m.moved_at >= lead_first_touches.occurred_at),
        won_at = (SELECT MIN(m.moved_at) FROM stage_moves m WHERE m.lead_id = lead_first_touches.lead_id
                      AND m.to_stage = 'won' AND m.moved_at >= lead_first_touches.occurred_at)
    WHERE lead_id = OLD.lead_id AND (forward_at = OLD.moved_at OR won_at = OLD.moved_at);
    RETURN NULL;
END
$$;
CREATE TRIGGER p01_approach_days_after_stage_move_delete AFTER DELETE ON stage_moves FOR EACH ROW
    WHEN (OLD.forward = 1 OR OLD.to_stage = 'won') EXECUTE FUNCTION p01_approach_days_after_stage_move_delete();
