-- A webhook delivers either a chaincode's events or the commit status of the application's own transactions
-- (then it names no chaincode).
ALTER TABLE application_webhook
    ADD COLUMN kind VARCHAR(32) NOT NULL DEFAULT 'ChaincodeEvents',
    ALTER COLUMN chaincode DROP NOT NULL;
