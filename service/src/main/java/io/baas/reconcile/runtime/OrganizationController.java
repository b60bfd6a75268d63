package io.baas.reconcile.runtime;

import io.baas.crd.Organization;

/** Organizations: their CAs, admin identities and custody. */
public class OrganizationController extends PassReconciler<Organization> {

    OrganizationController(Passes passes) {
        super(passes, Organization.class);
    }
}
