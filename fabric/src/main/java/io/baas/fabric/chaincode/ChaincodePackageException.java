package io.baas.fabric.chaincode;

import io.baas.fabric.FabricDataException;

/** A chaincode package that cannot be built or must not be accepted; {@link #reason()} says why. */
public final class ChaincodePackageException extends FabricDataException {

    /** What is wrong with the package, for API error codes. */
    public enum Reason {
        NOT_GZIP,
        NOT_TAR,
        OVERSIZE,
        ABSOLUTE_PATH,
        PATH_TRAVERSAL,
        LINK,
        SPECIAL_FILE,
        DUPLICATE_ENTRY,
        MISSING_METADATA,
        INVALID_METADATA,
        INVALID_LABEL,
        MISSING_CODE,
        INVALID_CONNECTION,
        INVALID_INDEX,
        UNKNOWN_TYPE,
    }

    private final Reason reason;

    public ChaincodePackageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
