package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_LABEL;

import java.util.regex.Pattern;

/** The label rule of Fabric's package persistence: alphanumerics and {@code ._+-}, led by an alphanumeric. */
final class PackageLabel {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    private PackageLabel() {
    }

    static String require(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new ChaincodePackageException(INVALID_LABEL, "invalid label '" + label
                    + "': it must be non-empty, consist of alphanumerics and '.+-_', and begin with an alphanumeric");
        }
        return label;
    }
}
