-- When a person's read scope changes (moved to another team, or a new
-- role), the rows their devices hold no longer match what they may read:
-- a rep moved away keeps the old team's goals and plans, a manager's
-- devices keep a departed rep's leads, and nobody is sent the rows that
-- came into scope with versions below their cursor (issue 14, item 10).
-- The change takes a fresh sync version and stamps it on the person and on
-- the teams they left and joined; a pull whose cursor is older than the
-- stamp of its reader (or of the reader's team) is answered with a reset,
-- the whole snapshot of the new scope, which the device takes in place of
-- its cache (its outbox is kept). Never edit once landed: add a new
-- migration.
ALTER TABLE users ADD COLUMN scope_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN scope_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER users_scope_change AFTER UPDATE OF team_id, role ON users
WHEN OLD.team_id IS NOT NEW.team_id OR OLD.role <> NEW.role
BEGIN
    UPDATE sync_state SET last_version = last_version + 1 WHERE id = 1;
    UPDATE users SET scope_version = (SELECT last_version FROM sync_state WHERE id = 1)
    WHERE id = NEW.id;
    UPDATE teams SET scope_version = (SELECT last_version FROM sync_state WHERE id = 1)
    WHERE id IN (OLD.team_id, NEW.team_id);
END;
