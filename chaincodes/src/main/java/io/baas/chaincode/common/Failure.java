package io.baas.chaincode.common;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Refusals as chaincode errors: the peer returns the message to the client as the endorsement
 * error, and the code (the error's payload) lets programs tell refusals apart.
 */
public final class Failure {

    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

    private Failure() {
    }

    public static ChaincodeException of(String code, String message) {
        return new ChaincodeException(message, code);
    }

    public static ChaincodeException invalid(String message) {
        return of(INVALID_ARGUMENT, message);
    }
}
