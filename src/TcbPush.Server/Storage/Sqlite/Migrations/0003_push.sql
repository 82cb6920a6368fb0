-- The push router: received messages, their dedupe identities, deliveries and the attempt log.
-- Times are Unix milliseconds. Every name starts with push_ so that this applies beside any other migration.

CREATE TABLE push_messages (
    id          INTEGER PRIMARY KEY,
    appid       TEXT NOT NULL,
    msg_id      TEXT NOT NULL,
    msg_type    TEXT NOT NULL,
    event       TEXT NOT NULL,
    from_user   TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    format      TEXT NOT NULL,
    raw         BLOB NOT NULL,
    payload     BLOB NOT NULL
);

CREATE TABLE push_dedupe (
    appid      TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (appid, dedupe_key)
) WITHOUT ROWID;

CREATE INDEX push_dedupe_expiry ON push_dedupe (expires_at);

CREATE TABLE push_deliveries (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES push_messages (id),
    appid       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'dead', 'unrouted')),
    target      TEXT NOT NULL CHECK (target IN ('container', 'function', 'none')),
    target_url  TEXT NOT NULL,
    env         TEXT NOT NULL,
    format      TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    -- pending: when the next attempt is due; delivering: when the claim's lease runs out; else NULL.
    due_at      INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    last_status INTEGER,
    last_error  TEXT,
    replay_of   INTEGER REFERENCES push_deliveries (id)
);

-- Claims look up the targets with work (a loose scan of push_deliveries_target), then each target's oldest due
-- deliveries: the cost grows with the number of targets, never with the backlog a slow target has piled up.
CREATE INDEX push_deliveries_due ON push_deliveries (due_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX push_deliveries_target ON push_deliveries (target_url, due_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX push_deliveries_app ON push_deliveries (appid, id);
CREATE INDEX push_deliveries_status ON push_deliveries (status, id);

CREATE TABLE push_attempts (
    delivery_id      INTEGER NOT NULL REFERENCES push_deliveries (id),
    attempt          INTEGER NOT NULL,
    at               INTEGER NOT NULL,
    target_url       TEXT NOT NULL,
    status_code      INTEGER,
    latency_ms       INTEGER NOT NULL,
    response_excerpt TEXT NOT NULL,
    error            TEXT,
    PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;
