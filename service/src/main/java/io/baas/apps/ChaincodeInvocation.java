package io.baas.apps;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A console user's call of a chaincode on a channel: which chaincode (Fabric's name rule) and the function call. */
public record ChaincodeInvocation(
        @NotNull @Pattern(regexp = "^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$", message = "must be a chaincode name") String chaincode,
        @NotNull @Valid FunctionCall call) {

    public ChannelCalls.Call toCall() {
        return call.on(chaincode, "body.call.");
    }
}
