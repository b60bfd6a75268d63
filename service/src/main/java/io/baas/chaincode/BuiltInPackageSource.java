package io.baas.chaincode;

import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The chaincodes the service ships (notarization, asset transfer) as a package source: their
 * reproducible CCaaS packages, run by the platform's built-in chaincode image.
 */
@ApplicationScoped
public class BuiltInPackageSource implements ChaincodePackageSource {

    @Override
    public Optional<StoredChaincodePackage> find(String name, String version) {
        return BuiltInChaincodes.list().stream()
                .filter(b -> b.definition().name().equals(name) && b.definition().version().equals(version))
                .findFirst()
                .map(b -> new StoredChaincodePackage(ChaincodePackageParser.parse(b.chaincodePackage().bytes().toByteArray()),
                        Optional.empty()));
    }
}
