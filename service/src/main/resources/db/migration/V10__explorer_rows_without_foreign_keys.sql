-- The indexer writes about four rows per transaction; each foreign key made PostgreSQL queue a
-- trigger per row and look the channel up again (a large part of the server's CPU at ingest).
-- Only the indexer that holds a channel's advisory lock writes its rows, and removing a channel
-- deletes its rows in the same transaction (IndexStore.remove), so the keys guarded nothing else.
ALTER TABLE explorer_block DROP CONSTRAINT explorer_block_channel_fkey;
ALTER TABLE explorer_transaction DROP CONSTRAINT explorer_transaction_channel_fkey;
ALTER TABLE explorer_written_key DROP CONSTRAINT explorer_written_key_channel_fkey;
