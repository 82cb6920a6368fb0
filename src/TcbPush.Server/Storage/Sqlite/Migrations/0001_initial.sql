CREATE TABLE apps (
    appid            TEXT PRIMARY KEY,
    secret_hash      BLOB NOT NULL,
    message_token    BLOB,
    encoding_aes_key BLOB
);

CREATE TABLE environments (
    env                TEXT PRIMARY KEY,
    container_base_url TEXT NOT NULL,
    function_base_url  TEXT NOT NULL
);

CREATE TABLE callback_configs (
    appid      TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    config     TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE token_generations (
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    generation INTEGER NOT NULL,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    forced     INTEGER NOT NULL,
    PRIMARY KEY (kind, subject, generation)
) WITHOUT ROWID;
