package io.baas.chaincode;

import java.util.List;
import java.util.Optional;

/** Several sources asked in order; the first that knows the package answers. */
public record ChaincodePackageSources(List<ChaincodePackageSource> sources) implements ChaincodePackageSource {

    public ChaincodePackageSources {
        sources = List.copyOf(sources);
    }

    @Override
    public Optional<StoredChaincodePackage> find(String name, String version) {
        return find(Optional.empty(), name, version);
    }

    @Override
    public Optional<StoredChaincodePackage> find(Optional<String> workspace, String name, String version) {
        for (ChaincodePackageSource source : sources) {
            Optional<StoredChaincodePackage> found = source.find(workspace, name, version);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
