package io.baas.fabric.sandbox.peer.endorser;

/**
 * Where the endorser finds a chaincode of a proposal: system chaincodes by name, user chaincodes
 * through their definition on the channel.
 */
public interface Chaincodes {

    /** A chaincode the peer runs itself (cscc, qscc, _lifecycle). */
    interface SystemChaincode {
        ChaincodeResult invoke(Invocation invocation);
    }

    /** The system chaincode of that name, if there is one. */
    java.util.Optional<SystemChaincode> system(String name);

    /**
     * The version of the user chaincode's committed definition (ChaincodeEndorsementInfo); fails
     * with a message when the chaincode is not defined on the channel or not installed here.
     */
    String definedVersion(Invocation invocation);

    /** Runs a user chaincode for the invocation. */
    ChaincodeResult execute(Invocation invocation);
}
