package io.baas.fabric.transaction;

import io.baas.fabric.FabricDataException;

/** A proposal or transaction that cannot be built: bad inputs, or endorsements that do not make a transaction. */
public final class TransactionException extends FabricDataException {

    public TransactionException(String message) {
        super(message);
    }

    public TransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
