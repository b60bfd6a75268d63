-- The request that caused an audit record or a key use (the X-Request-Id answered), so the two
-- join; the organization a request acted on; the workspace that owned the organization whose key
-- was used, recorded when it was used (an organization deleted and made again elsewhere under the
-- same name does not inherit the old owner's record).
ALTER TABLE audit_log ADD COLUMN request_id VARCHAR(36);
ALTER TABLE audit_log ADD COLUMN organization VARCHAR(63);
ALTER TABLE key_use ADD COLUMN request_id VARCHAR(36);
ALTER TABLE key_use ADD COLUMN workspace VARCHAR(63);
CREATE INDEX audit_log_time ON audit_log (occurred_at DESC);
CREATE INDEX key_use_workspace_time ON key_use (workspace, occurred_at DESC);
