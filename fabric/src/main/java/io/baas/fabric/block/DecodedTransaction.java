package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One envelope of a block. Creator and envelope signature are absent for the unsigned genesis
 * transaction; actions exist for endorser transactions, config for CONFIG transactions.
 */
public record DecodedTransaction(
        int index,
        String txId,
        HeaderType type,
        int channelHeaderVersion,
        String channelId,
        Instant timestamp,
        ByteString nonce,
        Optional<FabricIdentity> creator,
        Optional<SignedData> envelopeSignature,
        TxValidationCode validationCode,
        List<TransactionAction> actions,
        Optional<ConfigTransaction> config) {

    public boolean valid() {
        return validationCode == TxValidationCode.VALID;
    }
}
