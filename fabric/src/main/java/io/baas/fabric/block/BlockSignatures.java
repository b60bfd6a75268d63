package io.baas.fabric.block;

import io.baas.fabric.identity.SignedData;
import java.util.ArrayList;
import java.util.List;

/**
 * Every signature a block carries: the orderer's block signatures, each envelope's creator
 * signature, the endorsements, and for config blocks the update's envelope and admin signatures.
 */
public final class BlockSignatures {

    private BlockSignatures() {
    }

    public static List<SignedData> of(DecodedBlock block) {
        List<SignedData> signatures = new ArrayList<>(block.metadata().ordererSignatures());
        for (DecodedTransaction tx : block.transactions()) {
            tx.envelopeSignature().ifPresent(signatures::add);
            tx.actions().forEach(action -> signatures.addAll(action.endorsements()));
            tx.config().flatMap(ConfigTransaction::lastUpdate).ifPresent(update -> {
                signatures.add(update.envelopeSignature());
                signatures.addAll(update.configSignatures());
            });
        }
        return List.copyOf(signatures);
    }
}
