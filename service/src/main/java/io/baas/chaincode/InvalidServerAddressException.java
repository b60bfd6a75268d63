package io.baas.chaincode;

/** A package the platform cannot run as a chaincode server, with the reason in words for people. */
public class InvalidServerAddressException extends RuntimeException {

    public InvalidServerAddressException(String message) {
        super(message);
    }
}
