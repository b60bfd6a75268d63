package io.baas.livechannel;

import java.util.List;

/**
 * The pending update file's fields, for the API's description (the file itself is written by
 * the Fabric library's PendingConfigUpdateFile, as the CLI reads and writes it).
 *
 * @param config the channel config the update was computed on (base64 of common.Config)
 * @param envelope the update with its signatures so far (base64 of common.ConfigUpdateEnvelope)
 */
public record PendingUpdateFileSchema(String channel, List<String> requiredPolicies, List<String> missingPolicies, String config,
                                      String envelope) {
}
