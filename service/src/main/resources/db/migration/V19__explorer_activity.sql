-- A channel's transactions per minute (UTC), all and valid: in all ('all', value ''), by chaincode
-- and by creator MSP. The statistics add these up for the whole minutes of their window and count
-- rows only for its partial first and last minutes: counting every row of a window took about
-- 450 ms for a million transactions, and a day of a busy channel holds millions. The indexer adds
-- each batch's minutes in the batch's transaction, a re-index takes back those of the blocks it
-- forgets, and removing a channel deletes them with its rows. Transactions without a timestamp
-- are in no minute, as they are in no window.
CREATE TABLE explorer_activity (
    channel         BIGINT        NOT NULL,
    minute          TIMESTAMPTZ   NOT NULL,
    dimension       VARCHAR(16)   NOT NULL,
    value           VARCHAR(255)  NOT NULL,
    tx_count        BIGINT        NOT NULL,
    valid_tx_count  BIGINT        NOT NULL,
    PRIMARY KEY (channel, dimension, minute, value)
);

-- Channels indexed before: counted once from their rows.
INSERT INTO explorer_activity (channel, minute, dimension, value, tx_count, valid_tx_count)
SELECT channel, date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'all', '', count(*),
       count(*) FILTER (WHERE validation_code = 0)
FROM explorer_transaction WHERE created_at IS NOT NULL GROUP BY 1, 2;
INSERT INTO explorer_activity (channel, minute, dimension, value, tx_count, valid_tx_count)
SELECT channel, date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'chaincode', chaincode, count(*),
       count(*) FILTER (WHERE validation_code = 0)
FROM explorer_transaction WHERE created_at IS NOT NULL AND chaincode IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO explorer_activity (channel, minute, dimension, value, tx_count, valid_tx_count)
SELECT channel, date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'creator', creator_msp, count(*),
       count(*) FILTER (WHERE validation_code = 0)
FROM explorer_transaction WHERE created_at IS NOT NULL AND creator_msp IS NOT NULL GROUP BY 1, 2, 4;
