-- A record may name the team member it is about (who completed a training,
-- whose staff note it is), so a rep's "training completed" goal counts the
-- trainings recorded for them. NULL: about the team as a whole.
ALTER TABLE records ADD COLUMN person_id TEXT REFERENCES users(id);
CREATE INDEX records_training ON records (team_id, kind, period_end) WHERE deleted = 0;
