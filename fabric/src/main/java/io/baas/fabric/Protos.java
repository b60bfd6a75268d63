package io.baas.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.util.function.Function;

/** Parses nested protobuf bytes, naming the part that failed in the caller's own exception type. */
public final class Protos {

    private Protos() {
    }

    public static <T> T parse(Parser<T> parser, ByteString bytes, String what,
            Function<String, ? extends FabricDataException> failure) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw failure.apply("cannot decode " + what + ": " + e.getMessage());
        }
    }
}
