-- Covering indexes for the reports of issue 12, measured on 200,000 leads
-- and 1,000,000 activities (BENCHMARKS.md): the tactic report reads a
-- month's activities with their tactic and lead from the index alone, and
-- the forecast's win rates and the days to close read a period's closed
-- deals by owner and close time instead of every won deal of each owner.
-- Never edit once landed: add a new migration.
DROP INDEX activities_owner_occurred;
CREATE INDEX activities_owner_occurred ON activities (owner_id, occurred_at, kind, tactic, lead_id) WHERE deleted = 0;
CREATE INDEX leads_owner_closed ON leads (owner_id, closed_at, stage, created_at) WHERE deleted = 0 AND closed_at IS NOT NULL;
