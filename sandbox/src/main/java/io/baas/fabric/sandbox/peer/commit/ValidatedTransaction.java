package io.baas.fabric.sandbox.peer.commit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The committer's verdict on one envelope of a block, with what it needs afterwards: the read-write
 * sets for the MVCC check and the state, the new config of a CONFIG transaction, the chaincode event.
 */
public record ValidatedTransaction(int index, String txId, int headerType, TxValidationCode code, Instant timestamp,
        List<NamespaceRwSet> rwsets, Optional<Config> config, Optional<ChaincodeEvent> event) {

    static ValidatedTransaction invalid(int index, String txId, int headerType, TxValidationCode code, Instant timestamp) {
        return new ValidatedTransaction(index, txId, headerType, code, timestamp, List.of(), Optional.empty(), Optional.empty());
    }

    public ValidatedTransaction withCode(TxValidationCode newCode) {
        return new ValidatedTransaction(index, txId, headerType, newCode, timestamp, rwsets, config, event);
    }

    public boolean valid() {
        return code == TxValidationCode.VALID;
    }
}
