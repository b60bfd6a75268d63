package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An account of the channel's asset: one client identity of one organization, and its balance. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetAccount(String mspId, String clientId, long balance) {
}
