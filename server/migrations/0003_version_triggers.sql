-- Lead and activity writes take their version inside the write itself:
-- the row is written with (last_version + 1) read in the same statement, and
-- these triggers move the counter up to it, with no extra round trip per
-- write. Writes that take a version first (next_version) are unaffected: the
-- counter is already there. Never edit once landed: add a new migration.

CREATE TRIGGER leads_version_after_insert AFTER INSERT ON leads
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
END;

CREATE TRIGGER leads_version_after_update AFTER UPDATE OF version ON leads
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
END;

CREATE TRIGGER activities_version_after_insert AFTER INSERT ON activities
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
END;

CREATE TRIGGER activities_version_after_update AFTER UPDATE OF version ON activities
BEGIN
    UPDATE sync_state SET last_version = NEW.version WHERE id = 1 AND last_version < NEW.version;
END;
