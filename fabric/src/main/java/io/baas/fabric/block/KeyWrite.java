package io.baas.fabric.block;

import com.google.protobuf.ByteString;

public record KeyWrite(String key, boolean delete, ByteString value) {
}
