package io.baas.fabric.sandbox.peer.chaincode;

import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;

/** Runs a chaincode's transactions for a peer: in the peer's JVM (the shipped built-ins) or in a process of its own. */
public interface ChaincodeRunner extends AutoCloseable {

    ChaincodeResult invoke(ChaincodeCall call);

    @Override
    void close();
}
