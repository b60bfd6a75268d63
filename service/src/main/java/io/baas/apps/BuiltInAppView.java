package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A business app on a channel.
 *
 * @param state    NotEnabled; AwaitingApprovals while the channel's organizations approve its
 *                 chaincode (see chaincodeapprovals); Starting while the peers load it after the
 *                 commit; AwaitingInitialization for an asset transfer committed but without
 *                 minters yet (enabling it again sets them); Ready once it answers; NameTaken when
 *                 another chaincode has the app's name on the channel
 * @param phase    its chaincode's phase, when deployed
 * @param minters  asset transfer: the minting organizations' MSP IDs, once set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuiltInAppView(String app, String chaincode, String state, String phase, Long sequence, List<String> minters) {
}
