package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A peer's world state store: LevelDB in the peer, or a CouchDB sidecar for rich queries. */
public enum StateDatabase {
    @JsonProperty("LevelDB") LEVELDB,
    @JsonProperty("CouchDB") COUCHDB
}
