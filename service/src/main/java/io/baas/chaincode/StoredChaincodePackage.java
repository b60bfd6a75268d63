package io.baas.chaincode;

import io.baas.fabric.chaincode.ParsedPackage;
import java.util.Optional;

/**
 * A validated package and what running it needs.
 *
 * @param serverImage the CCaaS server image; empty means the platform's built-in chaincode image
 */
public record StoredChaincodePackage(ParsedPackage parsed, Optional<String> serverImage) {

    public String packageId() {
        return parsed.chaincodePackage().packageId();
    }
}
