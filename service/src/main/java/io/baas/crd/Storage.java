package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A ledger volume: a PersistentVolumeClaim of a (distributed) StorageClass, never hostPath. */
public class Storage {

    /** A Kubernetes quantity such as 10Gi; the platform default when unset. */
    @JsonPropertyDescription("A Kubernetes quantity such as 10Gi; the platform default when unset. A larger size grows the claim when its StorageClass allows volume expansion; claims never shrink (StorageUnchangeable, ShrinkRefused).")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    public String size;
    /** The platform default StorageClass when unset. */
    @JsonPropertyDescription("The StorageClass of the ledger claim; the platform's (else the cluster's default class) when unset. An existing claim keeps its class (StorageUnchangeable, StorageClassUnchangeable).")
    public String storageClassName;
}
