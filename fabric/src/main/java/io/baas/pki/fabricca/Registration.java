package io.baas.pki.fabricca;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** Field names and omissions as Fabric CA's RegistrationRequest: secret and max_enrollments are omitted when unset. */
public record Registration(
        @JsonProperty("id") String id,
        @JsonProperty("type") String type,
        @JsonProperty("affiliation") String affiliation,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("secret") String secret,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("max_enrollments") int maxEnrollments) {

    public Registration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        affiliation = affiliation == null ? "" : affiliation;
    }

    /** A registration whose secret the CA generates. */
    public static Registration of(String id, String type, String affiliation) {
        return new Registration(id, type, affiliation, null, 0);
    }

    /** The secret, if one was chosen, is a credential: never printed. */
    @Override
    public String toString() {
        return "Registration[id=" + id + ", type=" + type + ", affiliation=" + affiliation + ", secret=<redacted>]";
    }
}
