-- Per-application rate limits of the open API: a token bucket per application, shared by every replica, so that the
-- limit holds for the application as a whole whichever replica serves it.
ALTER TABLE application
    ADD COLUMN requests_per_second DOUBLE PRECISION NOT NULL DEFAULT 10,
    ADD COLUMN burst               INT              NOT NULL DEFAULT 20;

CREATE TABLE application_rate (
    application_id BIGINT           PRIMARY KEY REFERENCES application (id) ON DELETE CASCADE,
    tokens         DOUBLE PRECISION NOT NULL,
    refilled_at    TIMESTAMPTZ      NOT NULL
);

-- A call's application by its id, so that counts per day never mix an application with a later one of the same name.
ALTER TABLE open_api_call ADD COLUMN application_id BIGINT;
CREATE INDEX open_api_call_application_id ON open_api_call (application_id, occurred_at);
