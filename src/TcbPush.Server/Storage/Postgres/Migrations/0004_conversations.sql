-- App kinds and conversations (SPEC §10). Existing apps become mini programs, as WeChat's default.
ALTER TABLE apps ADD COLUMN kind text NOT NULL DEFAULT 'miniprogram' CHECK (kind IN ('miniprogram', 'officialaccount'));

-- One row per (app, user): the last entry's sequence number and time, and the reply window the user's newest
-- triggering message opened (NULL until one did). Active replies lock this row to take from the quota.
CREATE TABLE conversations (
    appid             text NOT NULL,
    openid            text NOT NULL,
    last_seq          bigint NOT NULL,
    last_at           bigint NOT NULL,
    window_trigger    text,
    window_opened_at  bigint,
    window_expires_at bigint,
    window_quota      bigint NOT NULL DEFAULT 0,
    window_used       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (appid, openid)
);

CREATE INDEX conversations_recent ON conversations (appid, last_at DESC, openid);

CREATE TABLE conversation_entries (
    appid       text NOT NULL,
    openid      text NOT NULL,
    seq         bigint NOT NULL,
    at          bigint NOT NULL,
    direction   text NOT NULL CHECK (direction IN ('in', 'out')),
    via         text NOT NULL CHECK (via IN ('push', 'simulated', 'passive', 'active')),
    msg_type    text NOT NULL,
    text        text NOT NULL,
    content     text NOT NULL,
    status      text NOT NULL CHECK (status IN ('sent', 'ignored', 'invalid')),
    reason      text,
    delivery_id bigint,
    PRIMARY KEY (appid, openid, seq)
);
