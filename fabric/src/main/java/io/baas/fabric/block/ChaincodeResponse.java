package io.baas.fabric.block;

import com.google.protobuf.ByteString;

/** What the endorsing chaincode answered, and the chaincode version that answered it. */
public record ChaincodeResponse(String chaincode, String chaincodeVersion, int status, String message,
        ByteString payload) {
}
