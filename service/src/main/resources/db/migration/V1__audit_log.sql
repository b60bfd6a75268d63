-- Every mutating call on /kapis/baas.io, allowed or not: who, what, where and how it ended.
CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    username      VARCHAR(255),
    verb          VARCHAR(32)  NOT NULL,
    method        VARCHAR(16)  NOT NULL,
    path          VARCHAR(2048) NOT NULL,
    scope         VARCHAR(16)  NOT NULL,
    workspace     VARCHAR(255),
    namespace     VARCHAR(255),
    resource      VARCHAR(255),
    subresource   VARCHAR(255),
    name          VARCHAR(255),
    status        INTEGER      NOT NULL,
    source_ip     VARCHAR(64)
);
CREATE INDEX audit_log_workspace_time ON audit_log (workspace, occurred_at DESC);
CREATE INDEX audit_log_user_time ON audit_log (username, occurred_at DESC);
