-- Where a transaction's envelope starts in its block's stored payload: a transaction's detail reads
-- that envelope alone (substring) instead of the whole block, about a hundred times fewer bytes
-- for a block of a hundred transactions. Rows indexed before have none and read the whole block.
ALTER TABLE explorer_transaction ADD COLUMN envelope_offset INTEGER;
