-- Times are Unix milliseconds (bigint), as in the SQLite schema.
CREATE TABLE apps (
    appid            text PRIMARY KEY,
    secret_hash      bytea NOT NULL,
    message_token    bytea,
    encoding_aes_key bytea
);

CREATE TABLE environments (
    env                text PRIMARY KEY,
    container_base_url text NOT NULL,
    function_base_url  text NOT NULL
);

CREATE TABLE callback_configs (
    appid      text PRIMARY KEY,
    version    bigint NOT NULL,
    config     text NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE token_generations (
    kind       text NOT NULL,
    subject    text NOT NULL,
    generation bigint NOT NULL,
    issued_at  bigint NOT NULL,
    expires_at bigint NOT NULL,
    forced     boolean NOT NULL,
    PRIMARY KEY (kind, subject, generation)
);
