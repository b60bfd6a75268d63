package io.baas.fabric.chaincode;

import java.util.List;

/** An uploaded package that passed validation, with the entries of its code archive. */
public record ParsedPackage(ChaincodePackage chaincodePackage, PackageMetadata metadata, List<TarEntry> codeEntries) {
}
