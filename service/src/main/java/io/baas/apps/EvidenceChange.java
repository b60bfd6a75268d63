package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One write of an evidence's key, newest first in a history. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceChange(String txId, String timestamp, boolean isDelete, Evidence evidence) {
}
