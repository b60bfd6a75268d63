-- An organization invited into a consortium by the consortium's leader. A row leaves PENDING once
-- (one decision: ACCEPTED through ACCEPTING, REJECTED, WITHDRAWN or EXPIRED), always by a
-- conditional update, so two decisions racing cannot both win. Rows are never deleted: with their
-- history they are the record of who asked whom and who answered.
CREATE TABLE consortium_invitation (
    id                  UUID          PRIMARY KEY,
    consortium          VARCHAR(63)   NOT NULL,
    -- The consortium the invitation was made for: one deleted and made again under the name is another.
    consortium_uid      VARCHAR(64)   NOT NULL,
    inviting_workspace  VARCHAR(63)   NOT NULL,
    organization        VARCHAR(63)   NOT NULL,
    invited_workspace   VARCHAR(63)   NOT NULL,
    -- How many peers the consortium runs for the organization once it accepts; null: as for the leader.
    peers               INTEGER,
    message             VARCHAR(500),
    -- PENDING, ACCEPTING (accepted, the member being added), ACCEPTED, REJECTED, WITHDRAWN, EXPIRED.
    state               VARCHAR(10)   NOT NULL,
    created_by          VARCHAR(255)  NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    expires_at          TIMESTAMPTZ   NOT NULL,
    decided_by          VARCHAR(255),
    decided_at          TIMESTAMPTZ
);
-- At most one open invitation per consortium and organization.
CREATE UNIQUE INDEX consortium_invitation_open ON consortium_invitation (consortium_uid, organization)
    WHERE state IN ('PENDING', 'ACCEPTING');
CREATE INDEX consortium_invitation_invited ON consortium_invitation (invited_workspace, created_at DESC);
CREATE INDEX consortium_invitation_inviting ON consortium_invitation (inviting_workspace, created_at DESC);

-- Every step of an invitation: who did what when (INVITED, ACCEPTED, REJECTED, WITHDRAWN, EXPIRED).
CREATE TABLE consortium_invitation_event (
    id             BIGSERIAL     PRIMARY KEY,
    invitation_id  UUID          NOT NULL REFERENCES consortium_invitation (id),
    action         VARCHAR(10)   NOT NULL,
    actor          VARCHAR(255)  NOT NULL,
    occurred_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX consortium_invitation_event_invitation ON consortium_invitation_event (invitation_id, occurred_at);
