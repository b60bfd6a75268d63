-- Organization names and MSP IDs are unique cluster-wide. A create claims both here, in one insert,
-- before it makes any CA: the primary key and the unique constraint decide between parallel
-- requests, which a look at the existing organizations cannot. PENDING while the request runs,
-- BOUND once its Organization exists; released when the create fails or the organization is deleted.
-- A claim whose organization does not exist and whose request is over (its service instance no longer
-- runs it, or its lease ran out) is stale and may be taken over.
CREATE TABLE organization_claim (
    name        VARCHAR(63)  PRIMARY KEY,
    msp_id      VARCHAR(64)  NOT NULL UNIQUE,
    workspace   VARCHAR(255) NOT NULL,
    request_id  VARCHAR(36)  NOT NULL UNIQUE,
    holder      VARCHAR(36)  NOT NULL,
    state       VARCHAR(8)   NOT NULL,
    claimed_at  TIMESTAMPTZ  NOT NULL
);
