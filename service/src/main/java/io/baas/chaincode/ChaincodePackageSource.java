package io.baas.chaincode;

import java.util.Optional;

/**
 * Where a Chaincode's package comes from, by what its {@code packageRef} gives: the built-in
 * chaincodes shipped with the service (no workspace), and the approved versions of a workspace's
 * chaincode repository.
 */
public interface ChaincodePackageSource {

    /** A built-in package, by name and version. */
    Optional<StoredChaincodePackage> find(String name, String version);

    /** A package of the workspace's repository, or a built-in when there is no workspace. */
    default Optional<StoredChaincodePackage> find(Optional<String> workspace, String name, String version) {
        return workspace.isEmpty() ? find(name, version) : Optional.empty();
    }
}
