package io.baas.chaincode;

import java.util.Optional;

/**
 * Where a Chaincode's package comes from, by the name and version its {@code packageRef} gives:
 * the built-in chaincodes shipped with the service, and (with the chaincode repository) uploaded
 * packages.
 */
public interface ChaincodePackageSource {

    Optional<StoredChaincodePackage> find(String name, String version);
}
