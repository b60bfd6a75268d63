package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;

/**
 * What a proposal asks a chaincode to do: its name, the spec type the client declares, the
 * arguments (the first is the function), whether it is the {@code --isInit} call, and transient
 * data, which endorsers see but which never reaches the ledger.
 */
public record ChaincodeInvocation(String chaincode, ChaincodeSpec.Type specType, List<ByteString> args, boolean init,
        Map<String, ByteString> transientData) {

    public ChaincodeInvocation {
        if (chaincode == null || chaincode.isEmpty()) {
            throw new TransactionException("a chaincode invocation needs a chaincode name");
        }
        args = List.copyOf(args);
        transientData = Collections.unmodifiableSortedMap(new TreeMap<>(transientData));
    }

    /** A call of a user chaincode as {@code peer chaincode invoke} makes it (spec type GOLANG, the CLI's default language). */
    public static ChaincodeInvocation of(String chaincode, List<ByteString> args) {
        return new ChaincodeInvocation(chaincode, ChaincodeSpec.Type.GOLANG, args, false, Map.of());
    }

    /** {@link #of(String, List)} with UTF-8 string arguments. */
    public static ChaincodeInvocation of(String chaincode, String... args) {
        return of(chaincode, Arrays.stream(args).map(arg -> ByteString.copyFrom(arg, StandardCharsets.UTF_8)).toList());
    }

    /** The same call as the chaincode's init call ({@code is_init}), required once after a definition with init required. */
    public ChaincodeInvocation asInit() {
        return new ChaincodeInvocation(chaincode, specType, args, true, transientData);
    }

    public ChaincodeInvocation withTransientData(Map<String, ByteString> data) {
        return new ChaincodeInvocation(chaincode, specType, args, init, data);
    }

    /** The ChaincodeInvocationSpec of the proposal payload; the chaincode id carries the name only, as in Fabric 2.x. */
    ChaincodeInvocationSpec spec() {
        return ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(specType)
                        .setChaincodeId(chaincodeId())
                        .setInput(ChaincodeInput.newBuilder().addAllArgs(args).setIsInit(init)))
                .build();
    }

    ChaincodeID chaincodeId() {
        return ChaincodeID.newBuilder().setName(chaincode).build();
    }
}
