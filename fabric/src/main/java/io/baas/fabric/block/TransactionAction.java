package io.baas.fabric.block;

import io.baas.fabric.identity.SignedData;
import java.util.List;
import java.util.Optional;

/** One endorsed chaincode action of an endorser transaction. */
public record TransactionAction(ChaincodeCall call, ChaincodeResponse response,
        List<NamespaceReadWriteSet> readWriteSets, Optional<ChaincodeEventData> event, List<SignedData> endorsements) {
}
