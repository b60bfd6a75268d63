-- How many transactions of a channel each chaincode and each creator organization has, all and
-- valid: the totals of the transaction lists filtered by one of them, which a count of the rows
-- answered in about 300 ms at a million transactions. The indexer adds each batch's counts in the
-- batch's own transaction, a re-index takes back those of the blocks it forgets, and removing a
-- channel deletes them with its rows.
CREATE TABLE explorer_transaction_count (
    channel         BIGINT        NOT NULL,
    -- 'chaincode' (explorer_transaction.chaincode) or 'creator' (explorer_transaction.creator_msp).
    dimension       VARCHAR(16)   NOT NULL,
    value           VARCHAR(255)  NOT NULL,
    tx_count        BIGINT        NOT NULL,
    valid_tx_count  BIGINT        NOT NULL,
    PRIMARY KEY (channel, dimension, value)
);

-- Channels indexed before: counted once from their rows.
INSERT INTO explorer_transaction_count (channel, dimension, value, tx_count, valid_tx_count)
SELECT channel, 'chaincode', chaincode, count(*), count(*) FILTER (WHERE validation_code = 0)
FROM explorer_transaction WHERE chaincode IS NOT NULL GROUP BY channel, chaincode;
INSERT INTO explorer_transaction_count (channel, dimension, value, tx_count, valid_tx_count)
SELECT channel, 'creator', creator_msp, count(*), count(*) FILTER (WHERE validation_code = 0)
FROM explorer_transaction WHERE creator_msp IS NOT NULL GROUP BY channel, creator_msp;
