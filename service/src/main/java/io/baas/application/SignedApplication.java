package io.baas.application;

import java.util.List;

/**
 * What the open API needs of an application to check a signed request: the key's state and secret,
 * and the application it belongs to. The secret is opened for the check only and never leaves it.
 */
public record SignedApplication(long id, String namespace, String name, String organization, String consortiumUid,
                                List<ApplicationScope> scopes, double requestsPerSecond, int burst,
                                String accessKeyId, boolean keyEnabled, byte[] secret) {

    /** The name the application acts under: its held identity and every key-use record name it. */
    public String principal() {
        return Applications.principal(namespace, name, id);
    }

    public boolean allowsOperation(String channel, String app, String operation) {
        return scopes.stream().anyMatch(s -> s.allowsOperation(channel, app, operation));
    }

    public boolean allowsFunction(String channel, String chaincode, String function, boolean writes) {
        return scopes.stream().anyMatch(s -> s.allowsFunction(channel, chaincode, function, writes));
    }

    public boolean coversChannel(String channel) {
        return scopes.stream().anyMatch(s -> s.channel().equals(channel));
    }

    @Override
    public String toString() {
        return "SignedApplication[" + namespace + "/" + name + ", " + accessKeyId + "]";
    }
}
