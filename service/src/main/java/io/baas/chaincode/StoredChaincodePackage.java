package io.baas.chaincode;

import io.baas.fabric.chaincode.ParsedPackage;
import java.util.Optional;

/**
 * A validated package and what running it needs.
 *
 * @param serverImage the CCaaS server image; empty means the platform's built-in chaincode image
 * @param jar         the runnable jar its sandbox.json names, for the sandbox runtime; empty for the
 *                    built-ins (the sandbox holds their jars) and for image-only versions
 */
public record StoredChaincodePackage(ParsedPackage parsed, Optional<String> serverImage, Optional<byte[]> jar) {

    public StoredChaincodePackage(ParsedPackage parsed, Optional<String> serverImage) {
        this(parsed, serverImage, Optional.empty());
    }

    public String packageId() {
        return parsed.chaincodePackage().packageId();
    }
}
