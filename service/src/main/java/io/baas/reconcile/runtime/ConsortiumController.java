package io.baas.reconcile.runtime;

import io.baas.crd.Consortium;

/** Consortia: their namespaces, isolation policies and declared nodes. */
public class ConsortiumController extends PassReconciler<Consortium> {

    ConsortiumController(Passes passes) {
        super(passes, Consortium.class);
    }
}
