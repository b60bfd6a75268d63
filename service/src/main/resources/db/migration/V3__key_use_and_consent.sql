-- Every use of a private key the platform holds for an organization (signing a config update,
-- joining a channel, installing, approving or committing a chaincode, exporting or revoking an
-- identity): whose key, what for, who or what caused it. Written before the key is used; a use
-- whose record cannot be written does not happen.
CREATE TABLE key_use (
    id            BIGSERIAL PRIMARY KEY,
    occurred_at   TIMESTAMPTZ   NOT NULL,
    organization  VARCHAR(63)   NOT NULL,
    identity      VARCHAR(255)  NOT NULL,
    action        VARCHAR(32)   NOT NULL,
    -- The KubeSphere user, or system:reconciler when a reconciler acted on a resource.
    actor         VARCHAR(255)  NOT NULL,
    -- What caused it: the resource a reconciler acted on (Channel ns/name) or the API route.
    resource      VARCHAR(512)  NOT NULL,
    detail        VARCHAR(2048)
);
CREATE INDEX key_use_org_time ON key_use (organization, occurred_at DESC);
CREATE INDEX key_use_actor_time ON key_use (actor, occurred_at DESC);

-- An organization's admin asking the platform to use the organization's held admin key for one
-- act (approve-chaincode: exactly this definition on this channel). Only the organization's side
-- writes these; reconcilers only read them.
CREATE TABLE key_use_consent (
    id               BIGSERIAL PRIMARY KEY,
    organization     VARCHAR(63)   NOT NULL,
    action           VARCHAR(32)   NOT NULL,
    channel          VARCHAR(255)  NOT NULL,
    chaincode        VARCHAR(255)  NOT NULL,
    sequence         BIGINT        NOT NULL,
    -- SHA-256 (hex) of what is approved: channel, name, version, sequence, policies, package id.
    definition_hash  VARCHAR(64)   NOT NULL,
    granted_by       VARCHAR(255)  NOT NULL,
    granted_at       TIMESTAMPTZ   NOT NULL,
    UNIQUE (organization, action, channel, chaincode, sequence, definition_hash)
);
