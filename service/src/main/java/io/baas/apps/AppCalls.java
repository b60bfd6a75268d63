package io.baas.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.iam.Caller;
import io.baas.livechannel.ChaincodeDeploymentView;
import io.baas.livechannel.ChaincodeDeployments;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Calls of a built-in app's chaincode for a user ({@link ChannelCalls}), answers read as JSON. A
 * call the network refuses is first checked against the channel's chaincodes: an app not enabled
 * (or not committed yet) is the caller's 409, not the network's failure.
 */
@ApplicationScoped
class AppCalls {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A committed transaction's answer, with where it landed. */
    record Submitted(JsonNode result, String transactionId, long blockNumber) {
    }

    private final ChannelCalls calls;
    private final ChaincodeDeployments deployments;

    AppCalls(ChannelCalls calls, ChaincodeDeployments deployments) {
        this.calls = calls;
        this.deployments = deployments;
    }

    Submitted submit(String namespace, String channel, BuiltInApp app, Caller caller, String function, String... arguments) {
        try {
            FabricGateway.Committed committed = calls.submit(namespace, channel, ChannelCalls.Call.of(app.id(), function, arguments), caller);
            return new Submitted(json(committed.result()), committed.transactionId(), committed.blockNumber());
        } catch (DomainException e) {
            throw whyRefused(e, namespace, channel, app);
        }
    }

    JsonNode evaluate(String namespace, String channel, BuiltInApp app, Caller caller, String function, String... arguments) {
        try {
            return json(calls.evaluate(namespace, channel, ChannelCalls.Call.of(app.id(), function, arguments), caller));
        } catch (DomainException e) {
            throw whyRefused(e, namespace, channel, app);
        }
    }

    ChannelCalls channel() {
        return calls;
    }

    private DomainException whyRefused(DomainException e, String namespace, String channel, BuiltInApp app) {
        if (e.kind() != ErrorKind.DEPENDENCY_FAILED) {
            return e;
        }
        ChaincodeDeploymentView deployed;
        try {
            deployed = deployments.get(namespace, channel, app.id());
        } catch (DomainException notDeployed) {
            return new DomainException(ErrorKind.CONFLICT, "AppNotEnabled", "The " + app.id() + " app is not enabled on channel " + channel
                    + "; enable it (POST builtinapps) and have the channel's organizations approve it.");
        }
        if (!deployed.committed()) {
            return new DomainException(ErrorKind.CONFLICT, "AppNotEnabled", "The " + app.id() + " app on channel " + channel
                    + " is not committed yet (" + deployed.phase() + "); the channel's organizations still approve it.");
        }
        return e;
    }

    static JsonNode json(byte[] answer) {
        try {
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new DomainException(ErrorKind.DEPENDENCY_FAILED, "UnreadableAnswer", "The chaincode answered something that is not JSON.");
        }
    }

    static <T> T as(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DomainException(ErrorKind.DEPENDENCY_FAILED, "UnreadableAnswer", "The chaincode's answer is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        }
    }
}
