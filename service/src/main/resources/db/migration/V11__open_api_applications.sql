-- Applications of the open API (/openapi/v1): an organization's programs, each acting with one client identity of
-- the organization within its scopes, and signing its requests with an access key's secret.
CREATE TABLE application (
    id           BIGSERIAL PRIMARY KEY,
    namespace    VARCHAR(63)   NOT NULL,
    name         VARCHAR(63)   NOT NULL,
    organization VARCHAR(63)   NOT NULL,
    -- The consortium that held the namespace when the application was made: a namespace of the same name made later
    -- (another consortium of the same name) does not inherit it.
    consortium_uid VARCHAR(64) NOT NULL,
    description  VARCHAR(1024) NOT NULL DEFAULT '',
    -- [{"channel":…, "app"|"chaincode":…, "operations"|"functions":[…], "access":"read-only"|"read-write"}]
    scopes       TEXT          NOT NULL,
    created_by   VARCHAR(255)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    UNIQUE (namespace, name)
);

-- The secret is kept sealed (AES-256-GCM: 12-byte nonce, then ciphertext and tag) under a data key held in a
-- Kubernetes Secret of the service's namespace; the database alone never reveals it.
CREATE TABLE application_key (
    access_key_id  VARCHAR(32)  PRIMARY KEY,
    application_id BIGINT       NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    sealed_secret  BYTEA        NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    created_by     VARCHAR(255) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    last_used_at   TIMESTAMPTZ
);
CREATE INDEX application_key_application ON application_key (application_id);

-- Nonces of signed requests, remembered for the timestamp window so that a replay is refused whichever replica
-- receives it; rows past expires_at are pruned.
CREATE TABLE open_api_nonce (
    access_key_id VARCHAR(32) NOT NULL,
    nonce         VARCHAR(64) NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX open_api_nonce_expiry ON open_api_nonce (expires_at);

-- Every call on the open API, signed or refused: who (when known), what, how it ended, how long it took. No foreign
-- key: a call outlives its application's deletion.
CREATE TABLE open_api_call (
    id             BIGSERIAL PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    namespace      VARCHAR(63),
    application    VARCHAR(63),
    access_key_id  VARCHAR(32),
    operation      VARCHAR(64)  NOT NULL,
    method         VARCHAR(16)  NOT NULL,
    path           VARCHAR(1024) NOT NULL,
    status         INT          NOT NULL,
    reason         VARCHAR(64),
    latency_micros BIGINT       NOT NULL,
    source_ip      VARCHAR(64)
);
CREATE INDEX open_api_call_application ON open_api_call (namespace, application, occurred_at);
