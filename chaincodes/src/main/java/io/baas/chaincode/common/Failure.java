package io.baas.chaincode.common;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Refusals as chaincode errors. The code leads the message ("CODE: what happened") because the
 * message is all a Fabric Gateway hands the client (the error's payload, which also carries the
 * code, stops at the peer); programs tell refusals apart by that code.
 */
public final class Failure {

    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

    private Failure() {
    }

    public static ChaincodeException of(String code, String message) {
        return new ChaincodeException(code + ": " + message, code);
    }

    public static ChaincodeException invalid(String message) {
        return of(INVALID_ARGUMENT, message);
    }
}
