package io.baas.crd;

import io.fabric8.generator.annotation.Pattern;

/** A ledger volume: a PersistentVolumeClaim of a (distributed) StorageClass, never hostPath. */
public class Storage {

    /** A Kubernetes quantity such as 10Gi; the platform default when unset. */
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    public String size;
    /** The platform default StorageClass when unset. */
    public String storageClassName;
}
