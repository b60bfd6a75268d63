-- The block explorer's index (io.baas.explorer): every block of every indexed channel as the
-- indexer verified it, its transactions and the keys they wrote. The console reads only this,
-- never the peers. One row per indexed ledger in explorer_channel holds the checkpoint: the next
-- block to index, the header hash it must link to and the channel config in force (whose
-- BlockValidation policy judges the next block's orderer signatures). A batch of blocks and its
-- checkpoint commit in one transaction, so a restart resumes with no gap and no duplicate.
CREATE TABLE explorer_channel (
    id                BIGSERIAL     PRIMARY KEY,
    -- 'consortium': a Channel resource of the platform (source = "<namespace>/<name>").
    kind              VARCHAR(16)   NOT NULL,
    source            VARCHAR(255)  NOT NULL,
    channel_id        VARCHAR(249)  NOT NULL,
    -- The block the indexer reads next; every block below it is indexed.
    next_block        BIGINT        NOT NULL,
    -- The header hash of block next_block - 1 (null before the trusted block is indexed).
    last_header_hash  BYTEA,
    -- The block the trust starts from, as the platform holds it (its own genesis block).
    trusted_block     BYTEA         NOT NULL,
    -- The config in force after block next_block - 1 (a serialized common.Config).
    config            BYTEA,
    config_block      BIGINT,
    -- Indexing, or Degraded (the chain or a signature broke at degraded_block; indexing stopped).
    state             VARCHAR(16)   NOT NULL,
    degraded_block    BIGINT,
    degraded_reason   VARCHAR(2000),
    block_count       BIGINT        NOT NULL DEFAULT 0,
    tx_count          BIGINT        NOT NULL DEFAULT 0,
    valid_tx_count    BIGINT        NOT NULL DEFAULT 0,
    -- The height of the peer the indexer last read from, and when the index last moved.
    peer_height       BIGINT,
    updated_at        TIMESTAMPTZ   NOT NULL,
    UNIQUE (kind, source)
);

CREATE TABLE explorer_block (
    channel        BIGINT       NOT NULL REFERENCES explorer_channel (id) ON DELETE CASCADE,
    number         BIGINT       NOT NULL,
    header_hash    BYTEA        NOT NULL,
    previous_hash  BYTEA        NOT NULL,
    data_hash      BYTEA        NOT NULL,
    tx_count       INTEGER      NOT NULL,
    valid_tx_count INTEGER      NOT NULL,
    -- The first transaction's timestamp (blocks carry no time of their own).
    created_at     TIMESTAMPTZ,
    config         BOOLEAN      NOT NULL,
    size_bytes     INTEGER      NOT NULL,
    -- The block as the peer delivered it (null once pruned): transaction details are decoded from it.
    payload        BYTEA,
    PRIMARY KEY (channel, number)
);
-- A block's transactions repeat the same few certificates: LZ4 shrinks the payload several times
-- for little CPU (PostgreSQL built without it keeps its default compression).
DO $$
BEGIN
    ALTER TABLE explorer_block ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$;
CREATE INDEX explorer_block_hash ON explorer_block (channel, header_hash);

CREATE TABLE explorer_transaction (
    channel          BIGINT        NOT NULL REFERENCES explorer_channel (id) ON DELETE CASCADE,
    block            BIGINT        NOT NULL,
    tx_index         INTEGER       NOT NULL,
    -- Not unique: config transactions may have none, and a DUPLICATE_TXID repeats one.
    tx_id            VARCHAR(128)  NOT NULL,
    type             VARCHAR(32)   NOT NULL,
    creator_msp      VARCHAR(255),
    creator_subject  VARCHAR(1024),
    chaincode        VARCHAR(255),
    function         VARCHAR(255),
    validation_code  SMALLINT      NOT NULL,
    created_at       TIMESTAMPTZ,
    endorsers        TEXT[]        NOT NULL,
    read_count       INTEGER       NOT NULL,
    write_count      INTEGER       NOT NULL,
    size_bytes       INTEGER       NOT NULL,
    PRIMARY KEY (channel, block, tx_index)
);
-- A hash index: transaction IDs are random, and a B-tree's random inserts cost the indexer a tenth of its rate.
CREATE INDEX explorer_transaction_id ON explorer_transaction USING hash (tx_id);
CREATE INDEX explorer_transaction_time ON explorer_transaction (channel, created_at);
CREATE INDEX explorer_transaction_chaincode ON explorer_transaction (channel, chaincode, block);
CREATE INDEX explorer_transaction_creator ON explorer_transaction (channel, creator_msp, block);

-- Each key a transaction wrote or deleted, valid or not (the history shows the valid ones, as
-- Fabric's GetHistoryForKey does). Keys are bytes: composite keys hold U+0000.
CREATE TABLE explorer_written_key (
    channel    BIGINT   NOT NULL REFERENCES explorer_channel (id) ON DELETE CASCADE,
    chaincode  VARCHAR(255) NOT NULL,
    key        BYTEA    NOT NULL,
    block      BIGINT   NOT NULL,
    tx_index   INTEGER  NOT NULL,
    is_delete  BOOLEAN  NOT NULL,
    valid      BOOLEAN  NOT NULL
);
CREATE INDEX explorer_written_key_history ON explorer_written_key (channel, chaincode, key, block, tx_index);
