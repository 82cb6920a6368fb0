CREATE TABLE components (
    component_appid    TEXT PRIMARY KEY,
    secret_hash        BLOB NOT NULL,
    ticket_digest      BLOB NOT NULL,
    ticket_received_at INTEGER NOT NULL
);

CREATE TABLE authorizations (
    component_appid      TEXT NOT NULL REFERENCES components (component_appid),
    authorizer_appid     TEXT NOT NULL,
    permission_sets      TEXT NOT NULL,
    refresh_token_digest BLOB NOT NULL,
    granted_at           INTEGER NOT NULL,
    revoked_at           INTEGER,
    PRIMARY KEY (component_appid, authorizer_appid)
) WITHOUT ROWID;

CREATE TABLE authorization_codes (
    code_digest      BLOB PRIMARY KEY,
    component_appid  TEXT NOT NULL,
    authorizer_appid TEXT NOT NULL,
    permission_sets  TEXT NOT NULL,
    expires_at       INTEGER NOT NULL
) WITHOUT ROWID;
