package io.baas.fabric.sandbox.peer.ledger;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Where a transaction id was committed, and with which validation code. */
public record TransactionLocation(long blockNumber, int txNumber, TxValidationCode validationCode) {
}
