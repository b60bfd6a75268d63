package io.baas.explorer;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.ChannelPolicies;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.policy.SignerIdentity;
import io.baas.fabric.receipt.ReceiptVerifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.Config;

/**
 * A channel config the indexer has verified, with what judging a block under it needs compiled
 * once: the channel's MSPs and its {@code /Channel/Orderer/BlockValidation} policy.
 */
public final class TrustedConfig {

    private final Config config;
    private final long blockNumber;
    private final ChannelMsps msps;
    private final Policy blockValidation;
    /** Whether each orderer identity seen chains to the config's MSPs: the same few sign every block. */
    private final Map<ByteString, Boolean> validSigners = new ConcurrentHashMap<>();

    public TrustedConfig(Config config, long blockNumber) {
        this.config = config;
        this.blockNumber = blockNumber;
        this.msps = ChannelMsps.of(config.getChannelGroup());
        this.blockValidation = new ChannelPolicies(config).policy(ReceiptVerifier.BLOCK_VALIDATION);
    }

    public Config config() {
        return config;
    }

    /** The config block it came from. */
    public long blockNumber() {
        return blockNumber;
    }

    /** Whether the orderer signatures satisfy BlockValidation: valid identities of the channel with verifying signatures. */
    public boolean signedByOrderingService(List<SignedData> ordererSignatures) {
        List<SignedData> known = ordererSignatures.stream()
                .filter(signature -> validSigners.computeIfAbsent(signature.signer().serialized(), s -> msps.isValid(signature.signer())))
                .toList();
        return blockValidation.evaluate(SignerIdentity.verified(known));
    }
}
