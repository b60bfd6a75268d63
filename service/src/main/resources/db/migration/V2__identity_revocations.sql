-- Identities an organization has revoked. Renewal keeps a key, so the key id (SKI) is what
-- identifies a revoked identity across renewals; issuer key id + serial names the certificate.
CREATE TABLE identity_revocation (
    id              BIGSERIAL PRIMARY KEY,
    organization    VARCHAR(63)  NOT NULL,
    identity        VARCHAR(63)  NOT NULL,
    purpose         VARCHAR(16)  NOT NULL,
    issuer_key_id   VARCHAR(64)  NOT NULL,
    serial          VARCHAR(64)  NOT NULL,
    subject_key_id  VARCHAR(64)  NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    revoked_at      TIMESTAMPTZ  NOT NULL,
    revoked_by      VARCHAR(255) NOT NULL,
    -- By key, not by name: an organization or identity deleted and made again under the same
    -- name has new keys and is not revoked.
    UNIQUE (organization, subject_key_id)
);
CREATE INDEX identity_revocation_org ON identity_revocation (organization);
