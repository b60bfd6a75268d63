-- Webhooks of open API applications: chaincode events of a channel delivered by HTTPS POST, in block order, at least
-- once. The checkpoint is the block being delivered and how many of the chaincode's events in it are done, so a
-- restart (of this replica or another) resumes at the next event; one replica holds a webhook's lease at a time.
CREATE TABLE application_webhook (
    id                 BIGSERIAL PRIMARY KEY,
    application_id     BIGINT        NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    name               VARCHAR(63)   NOT NULL,
    url                VARCHAR(2048) NOT NULL,
    channel            VARCHAR(63)   NOT NULL,
    chaincode          VARCHAR(63)   NOT NULL,
    event_name         VARCHAR(256),
    next_block         BIGINT        NOT NULL,
    done_in_block      INT           NOT NULL DEFAULT 0,
    attempts           INT           NOT NULL DEFAULT 0,
    retry_at           TIMESTAMPTZ,
    last_error         VARCHAR(1024),
    delivered          BIGINT        NOT NULL DEFAULT 0,
    lease_owner        VARCHAR(64),
    lease_until        TIMESTAMPTZ,
    created_by         VARCHAR(255)  NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    UNIQUE (application_id, name)
);

-- Events given up on after the configured attempts: kept with the last error, so nothing is lost without a trace.
CREATE TABLE application_webhook_dead_letter (
    id           BIGSERIAL PRIMARY KEY,
    webhook_id   BIGINT        NOT NULL REFERENCES application_webhook (id) ON DELETE CASCADE,
    block_number BIGINT        NOT NULL,
    tx_id        VARCHAR(128)  NOT NULL,
    event_name   VARCHAR(256)  NOT NULL,
    payload      BYTEA         NOT NULL,
    attempts     INT           NOT NULL,
    last_error   VARCHAR(1024),
    failed_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX application_webhook_dead_letter_webhook ON application_webhook_dead_letter (webhook_id, id);
