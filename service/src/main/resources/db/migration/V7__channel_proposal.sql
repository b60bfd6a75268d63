-- A change of a live channel's config that needs more than one organization's signature: the
-- update computed on the channel's config at base_sequence, unsigned (signatures are decisions,
-- one row per organization, so two organizations signing at once cannot lose one). A row leaves
-- OPEN once, by a conditional update: SUBMITTING (the one submission claimed), then SUBMITTED; or
-- REJECTED, EXPIRED, SUPERSEDED (the channel's config moved on). Rows are never deleted.
CREATE TABLE channel_proposal (
    id                 UUID           PRIMARY KEY,
    consortium         VARCHAR(63)    NOT NULL,
    channel_namespace  VARCHAR(63)    NOT NULL,
    channel_name       VARCHAR(63)    NOT NULL,
    -- The Channel resource it was made for: one deleted and made again under the name is another.
    channel_uid        VARCHAR(64)    NOT NULL,
    channel_id         VARCHAR(249)   NOT NULL,
    proposed_by        VARCHAR(63)    NOT NULL,
    -- ADD_ORGANIZATION, REMOVE_ORGANIZATION, BATCH, POLICIES, CAPABILITIES.
    kind               VARCHAR(24)    NOT NULL,
    summary            VARCHAR(2000)  NOT NULL,
    -- The config elements the update changes, one per line.
    changes            TEXT           NOT NULL,
    -- The Channel spec once the update is accepted (JSON), written to the resource after submission.
    spec_after         TEXT           NOT NULL,
    base_sequence      BIGINT         NOT NULL,
    config             BYTEA          NOT NULL,
    config_update      BYTEA          NOT NULL,
    state              VARCHAR(12)    NOT NULL,
    state_reason       VARCHAR(2000),
    submitted_sequence BIGINT,
    -- When the one submission was claimed: a claim much older than a submission takes is one the
    -- service did not finish (it stopped), and is settled by what the orderer has.
    submitting_since   TIMESTAMPTZ,
    created_by         VARCHAR(255)   NOT NULL,
    created_at         TIMESTAMPTZ    NOT NULL,
    expires_at         TIMESTAMPTZ    NOT NULL,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX channel_proposal_channel ON channel_proposal (channel_uid, created_at DESC);

-- Each organization's one decision on a proposal: SIGNED (with the ConfigSignature it gave, made
-- with the platform-held admin key or uploaded) or REJECTED.
CREATE TABLE channel_proposal_decision (
    id            BIGSERIAL      PRIMARY KEY,
    proposal_id   UUID           NOT NULL REFERENCES channel_proposal (id),
    organization  VARCHAR(63)    NOT NULL,
    msp_id        VARCHAR(255)   NOT NULL,
    decision      VARCHAR(8)     NOT NULL,
    -- HeldKey or Uploaded for a signature.
    method        VARCHAR(8),
    signature     BYTEA,
    reason        VARCHAR(1000),
    actor         VARCHAR(255)   NOT NULL,
    decided_at    TIMESTAMPTZ    NOT NULL,
    UNIQUE (proposal_id, organization)
);
