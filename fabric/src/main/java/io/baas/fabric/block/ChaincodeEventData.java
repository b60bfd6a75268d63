package io.baas.fabric.block;

import com.google.protobuf.ByteString;

public record ChaincodeEventData(String chaincode, String txId, String eventName, ByteString payload) {
}
