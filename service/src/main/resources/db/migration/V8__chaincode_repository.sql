-- A version of a chaincode in a workspace's repository (链码仓库): the CCaaS package as uploaded,
-- what identifies it (SHA-256, Fabric package ID), the automatic review report (JSON), and the
-- review: SUBMITTED until a reviewer other than the uploader APPROVES or REJECTS it, once. The
-- bytes are in chaincode_package_content, so listing never reads them.
CREATE TABLE chaincode_package_version (
    id              BIGSERIAL      PRIMARY KEY,
    workspace       VARCHAR(63)    NOT NULL,
    name            VARCHAR(63)    NOT NULL,
    version         VARCHAR(64)    NOT NULL,
    description     VARCHAR(1024)  NOT NULL,
    language        VARCHAR(8)     NOT NULL,
    label           VARCHAR(255)   NOT NULL,
    package_id      VARCHAR(330)   NOT NULL,
    sha256          CHAR(64)       NOT NULL,
    size_bytes      BIGINT         NOT NULL,
    -- The CCaaS server image (kubernetes runtime); none: the version runs only where its jar does.
    server_image    VARCHAR(512),
    -- The jar the package's sandbox.json names (sandbox and host runtimes), once uploaded.
    jar_name        VARCHAR(255),
    jar_sha256      CHAR(64),
    jar_uploaded    BOOLEAN        NOT NULL,
    report          TEXT           NOT NULL,
    state           VARCHAR(12)    NOT NULL,
    uploaded_by     VARCHAR(255)   NOT NULL,
    uploaded_at     TIMESTAMPTZ    NOT NULL,
    reviewed_by     VARCHAR(255),
    reviewed_at     TIMESTAMPTZ,
    review_comment  VARCHAR(2000),
    UNIQUE (workspace, name, version)
);

CREATE TABLE chaincode_package_content (
    version_id  BIGINT  PRIMARY KEY REFERENCES chaincode_package_version (id) ON DELETE CASCADE,
    package     BYTEA   NOT NULL,
    jar         BYTEA
);
