-- A team's working days (issue 12): pace and projection count the days a
-- team works. `teams.working_week` is seven digits, Monday first, of halves
-- of a day worked ("2221022": Saturday to Wednesday, half Thursday); NULL
-- means the calendar's default week. `team_holidays` is the list the
-- team's manager keeps (lunar holidays by hand); the server starts a Jalali
-- team's list with the fixed solar holidays of each year, once per year
-- (`holidays_filled_through` is the last Jalali year filled), so a fixed
-- holiday the manager removed stays removed. Never edit once landed.
ALTER TABLE teams ADD COLUMN working_week TEXT;
ALTER TABLE teams ADD COLUMN holidays_filled_through INTEGER;

CREATE TABLE team_holidays (
    team_id TEXT NOT NULL,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    added_by TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (team_id, day)
) WITHOUT ROWID;
