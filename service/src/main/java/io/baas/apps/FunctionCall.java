package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chaincode function to call as a request names it: the function, its string arguments, and
 * transient data in base64 (private input that reaches the endorsing peers, never a block).
 */
public record FunctionCall(
        @NotNull @Pattern(regexp = "^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$") String function,
        @Size(max = 64) List<@NotNull String> arguments,
        @JsonProperty("transient") @Size(max = 16) Map<String, String> transientData) {

    /** The call on this chaincode; transient values that are not base64 are a 400 naming them under {@code fieldPrefix}. */
    public ChannelCalls.Call on(String chaincode, String fieldPrefix) {
        Map<String, byte[]> decoded = new HashMap<>();
        if (transientData != null) {
            transientData.forEach((name, value) -> {
                try {
                    decoded.put(name, Base64.getDecoder().decode(value));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw DomainException.invalid("Transient data is base64.", List.of(new FieldError(fieldPrefix + "transient." + name,
                            "must be base64")));
                }
            });
        }
        return new ChannelCalls.Call(chaincode, function, arguments == null ? List.of() : arguments, decoded);
    }
}
