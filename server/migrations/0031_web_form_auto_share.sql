-- Web form contacts shared as they arrive (issue 15): a team's manager may
-- choose that each new web form submission goes straight to a rep by a
-- rule (in turns, to the least busy, by capacity) instead of waiting in the
-- pool. `web_form_rule_by` is the manager who chose it, named as the one
-- who handed the lead out in its history. NULL rule: contacts wait in the
-- pool. Never edit once landed.
ALTER TABLE team_pool_settings ADD COLUMN web_form_rule TEXT
    CHECK (web_form_rule IN ('round_robin', 'least_busy', 'weighted'));
ALTER TABLE team_pool_settings ADD COLUMN web_form_rule_by TEXT REFERENCES users(id);
