package io.baas.consortium;

import io.baas.crd.Storage;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Checks of what a member asks for its nodes, as field errors before anything is written. */
final class NodeSpecs {

    private NodeSpecs() {
    }

    static boolean isQuantity(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(value)).compareTo(BigDecimal.ZERO) > 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Throws one 400 with every field error of the storage and resources asked for. */
    static void validate(Storage storage, NodeResources resources) {
        List<FieldError> errors = new ArrayList<>();
        if (storage != null && storage.size != null && !isQuantity(storage.size)) {
            errors.add(new FieldError("body.storage.size", "must be a Kubernetes quantity such as 10Gi"));
        }
        if (storage != null && storage.storageClassName != null && !storage.storageClassName.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            errors.add(new FieldError("body.storage.storageClassName", "must be a StorageClass name"));
        }
        if (resources != null) {
            resources.validate("body.resources", errors);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The node's storage or resources are invalid.", errors);
        }
    }
}
