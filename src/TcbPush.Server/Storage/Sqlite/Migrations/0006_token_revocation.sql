-- A revoked subject keeps its latest generation as a marker: numbering never restarts, so no token of a removed app
-- or authorization works again when the subject is registered anew.
ALTER TABLE token_generations ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0;
