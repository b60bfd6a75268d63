package io.baas.fabric.chaincode;

/** The contents of a package's {@code metadata.json}; {@code path} is empty for CCaaS packages. */
public record PackageMetadata(String type, String label, String path) {
}
