package io.baas.pki.fabricca;

import io.baas.pki.PkiException;
import java.util.List;

/** The Fabric CA answered with an error, or could not be reached. */
public final class FabricCaException extends PkiException {

    /** Fabric CA's error code for a register of an ID it already has (ErrDupIdentityReg). */
    public static final int DUPLICATE_IDENTITY = 74;

    private final int status;
    private final List<Integer> codes;

    public FabricCaException(int status, String message) {
        this(status, message, List.of());
    }

    public FabricCaException(int status, String message, List<Integer> codes) {
        super(message);
        this.status = status;
        this.codes = List.copyOf(codes);
    }

    public FabricCaException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.codes = List.of();
    }

    /** Fabric CA's error codes from the answer's {@code errors} (lib/caerrors), empty without an answer. */
    public List<Integer> codes() {
        return codes;
    }

    /** The CA could not be reached, or failed on its side (5xx): worth retrying later. */
    public boolean unavailable() {
        return status == 0 || status >= 500;
    }

    /** The CA refused the credentials or the caller's authority (401, 403). */
    public boolean refusedAuthorization() {
        return status == 401 || status == 403;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
