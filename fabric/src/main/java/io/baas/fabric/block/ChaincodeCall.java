package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

/** The invocation a client proposed: chaincode, its arguments (the first is the function name). */
public record ChaincodeCall(String chaincode, ChaincodeSpec.Type specType, boolean init, List<ByteString> args) {

    public Optional<String> function() {
        return args.isEmpty() ? Optional.empty() : Optional.of(args.get(0).toStringUtf8());
    }
}
