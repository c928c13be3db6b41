-- The duplicate check of a push looks up, for each new lead, only the
-- oldest live lead with the same phone and the oldest with the same e-mail
-- (`store::sync::possible_duplicates_in`): with the creation time in the
-- index that is one index step per lead, where it used to read every pair
-- of leads sharing a number (a push of leads that share a company's
-- switchboard number took minutes). These indexes serve plain phone and
-- e-mail lookups too, so they replace those of migration 0005.
-- Never edit once landed: add a new migration.
DROP INDEX leads_phone;
DROP INDEX leads_email;
CREATE INDEX leads_phone_created ON leads (phone, created_at);
CREATE INDEX leads_email_created ON leads (email, created_at);
