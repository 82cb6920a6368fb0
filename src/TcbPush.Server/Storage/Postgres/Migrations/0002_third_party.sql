CREATE TABLE components (
    component_appid    text PRIMARY KEY,
    secret_hash        bytea NOT NULL,
    ticket_digest      bytea NOT NULL,
    ticket_received_at bigint NOT NULL
);

CREATE TABLE authorizations (
    component_appid      text NOT NULL REFERENCES components (component_appid),
    authorizer_appid     text NOT NULL,
    permission_sets      text NOT NULL,
    refresh_token_digest bytea NOT NULL,
    granted_at           bigint NOT NULL,
    revoked_at           bigint,
    PRIMARY KEY (component_appid, authorizer_appid)
);

CREATE TABLE authorization_codes (
    code_digest      bytea PRIMARY KEY,
    component_appid  text NOT NULL,
    authorizer_appid text NOT NULL,
    permission_sets  text NOT NULL,
    expires_at       bigint NOT NULL
);

CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);
