package io.baas.chaincode.common;

import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

/**
 * Who submitted the transaction: the MSP ID and the shim's client ID
 * ({@code x509::<subject DN>::<issuer DN>}) of the proposal's creator.
 */
public record Caller(String mspId, String clientId) {

    public static Caller of(Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        return new Caller(identity.getMSPID(), identity.getId());
    }
}
