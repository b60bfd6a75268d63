package io.baas.apps;

import io.baas.error.ErrorKind;
import java.util.Map;

/** The built-in chaincodes' error codes (docs/chaincodes.md) as the API's kinds: the caller's mistake, never the service's. */
final class ChaincodeErrors {

    private static final Map<String, ErrorKind> KINDS = Map.ofEntries(
            Map.entry("INVALID_ARGUMENT", ErrorKind.INVALID),
            Map.entry("EVIDENCE_EXISTS", ErrorKind.CONFLICT),
            Map.entry("EVIDENCE_NOT_FOUND", ErrorKind.NOT_FOUND),
            Map.entry("NOT_INITIALIZED", ErrorKind.CONFLICT),
            Map.entry("ALREADY_INITIALIZED", ErrorKind.CONFLICT),
            Map.entry("NOT_MINTER", ErrorKind.FORBIDDEN),
            Map.entry("INSUFFICIENT_BALANCE", ErrorKind.CONFLICT),
            Map.entry("SAME_ACCOUNT", ErrorKind.INVALID),
            Map.entry("OVERFLOW", ErrorKind.CONFLICT));

    private ChaincodeErrors() {
    }

    /** An unknown code is still the caller's request refused by the chaincode: 400. */
    static ErrorKind kind(String code) {
        return KINDS.getOrDefault(code, ErrorKind.INVALID);
    }
}
