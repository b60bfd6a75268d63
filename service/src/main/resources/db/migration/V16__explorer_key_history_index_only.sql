-- A key's history reads its valid writes twice: once to count them and once for the page. With
-- `valid` and `is_delete` only in the table, both visited a heap page per write (a key's writes
-- are spread over the whole ingest). Held in the index too, both are index-only scans wherever
-- the table's visibility map is set (vacuum; the indexer vacuums this table after a catch-up).
CREATE INDEX explorer_written_key_history_valid ON explorer_written_key (channel, chaincode, key, block, tx_index)
    INCLUDE (valid, is_delete);
DROP INDEX explorer_written_key_history;
ALTER INDEX explorer_written_key_history_valid RENAME TO explorer_written_key_history;
