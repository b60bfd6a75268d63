package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.SignedData;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Block metadata. The orderer writes the signatures and the last config index; the committing
 * peer adds the validation codes (TRANSACTIONS_FILTER) and the commit hash, so a block fetched
 * from an orderer has neither.
 */
public record DecodedMetadata(
        long lastConfigIndex,
        List<SignedData> ordererSignatures,
        Optional<RaftBlockMetadata> raft,
        List<TxValidationCode> validationCodes,
        Optional<ByteString> commitHash) {
}
