package io.baas.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.error.DomainException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A host peer's core.yaml: the release's own, with its external builders replaced by the host's
 * ccaas builder ({@link HostCcaasBuilder}, the release's {@code builders/ccaas} with the host's server
 * map applied). The release's file names the builder at the path of the peer image
 * ({@code /opt/hyperledger/ccaas_builder}), which a host does not have, and a list of builders cannot
 * be set through the environment. Everything else comes from the environment.
 */
final class PeerConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String BUILDER_CONFIG = "CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG";

    private PeerConfigFile() {
    }

    /** Writes {@code config/core.yaml} in the node's directory; returns its path. */
    static Path write(FabricRelease release, Path builder, HostNodeDirectory directory) {
        Path source = release.config().resolve("core.yaml");
        try {
            JsonNode core = YAML.readTree(source.toFile());
            if (!(core instanceof ObjectNode root)) {
                throw DomainException.conflict(source + " is not a YAML mapping: is FABRIC_HOME a Fabric 2.5 release?");
            }
            ObjectNode chaincode = root.has("chaincode") && root.get("chaincode") instanceof ObjectNode existing
                    ? existing : root.putObject("chaincode");
            ArrayNode builders = chaincode.putArray("externalBuilders");
            ObjectNode ccaas = builders.addObject();
            ccaas.put("name", HostCcaasBuilder.NAME);
            ccaas.put("path", builder.toString());
            ccaas.putArray("propagateEnvironment").add(BUILDER_CONFIG).add(io.baas.fabric.chaincode.ChaincodeServerMap.ENV);
            Path target = directory.config().resolve("core.yaml");
            directory.write(target, YAML.writeValueAsBytes(root));
            return target;
        } catch (IOException e) {
            throw DomainException.conflict("Cannot read " + source + ": " + e.getMessage());
        }
    }
}
