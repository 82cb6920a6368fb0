-- App kinds and conversations (SPEC §10). Existing apps become mini programs, as WeChat's default.
ALTER TABLE apps ADD COLUMN kind TEXT NOT NULL DEFAULT 'miniprogram' CHECK (kind IN ('miniprogram', 'officialaccount'));

-- One row per (app, user): the last entry's sequence number and time, and the reply window the user's newest
-- triggering message opened (NULL until one did). Active replies lock this row to take from the quota.
CREATE TABLE conversations (
    appid             TEXT NOT NULL,
    openid            TEXT NOT NULL,
    last_seq          INTEGER NOT NULL,
    last_at           INTEGER NOT NULL,
    window_trigger    TEXT,
    window_opened_at  INTEGER,
    window_expires_at INTEGER,
    window_quota      INTEGER NOT NULL DEFAULT 0,
    window_used       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (appid, openid)
) WITHOUT ROWID;

CREATE INDEX conversations_recent ON conversations (appid, last_at DESC, openid);

CREATE TABLE conversation_entries (
    appid       TEXT NOT NULL,
    openid      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    via         TEXT NOT NULL CHECK (via IN ('push', 'simulated', 'passive', 'active')),
    msg_type    TEXT NOT NULL,
    text        TEXT NOT NULL,
    content     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sent', 'ignored', 'invalid')),
    reason      TEXT,
    delivery_id INTEGER,
    PRIMARY KEY (appid, openid, seq)
) WITHOUT ROWID;
