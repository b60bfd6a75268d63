-- The invalid transactions of a channel, newest first (status=invalid): without an index of their
-- own, both the count and the page read the whole channel (a third of a second at a million
-- transactions), to find the few the peers refused. Partial, so only those rows cost the ingest.
CREATE INDEX explorer_transaction_invalid ON explorer_transaction (channel, block, tx_index) WHERE validation_code <> 0;
