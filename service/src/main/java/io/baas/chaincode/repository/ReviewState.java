package io.baas.chaincode.repository;

import io.baas.crd.CamelCase;

/** Where a version's review (合约审计) stands; it leaves SUBMITTED once. */
public enum ReviewState {
    SUBMITTED, APPROVED, REJECTED;

    /** As the API writes it: Submitted, Approved, Rejected. */
    public String label() {
        return CamelCase.of(this);
    }
}
