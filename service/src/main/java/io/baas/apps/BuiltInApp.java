package io.baas.apps;

import java.util.Arrays;
import java.util.Optional;

/**
 * The business apps the platform ships, each a built-in chaincode deployed on a channel under the
 * app's own name (docs/chaincodes.md).
 */
public enum BuiltInApp {
    NOTARIZATION("notarization", "notarization", "1.0"),
    ASSET_TRANSFER("asset-transfer", "asset-transfer", "1.0");

    private final String id;
    private final String packageName;
    private final String version;

    BuiltInApp(String id, String packageName, String version) {
        this.id = id;
        this.packageName = packageName;
        this.version = version;
    }

    /** The app's name in the API, and its chaincode's name on the channel. */
    public String id() {
        return id;
    }

    /** The platform package that carries it. */
    public String packageName() {
        return packageName;
    }

    public String version() {
        return version;
    }

    public static Optional<BuiltInApp> named(String id) {
        return Arrays.stream(values()).filter(app -> app.id.equals(id)).findFirst();
    }
}
