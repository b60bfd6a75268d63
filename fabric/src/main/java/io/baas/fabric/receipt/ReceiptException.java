package io.baas.fabric.receipt;

/** A receipt that cannot even be read. */
public final class ReceiptException extends RuntimeException {

    public ReceiptException(String message) {
        super(message);
    }
}
