package io.baas.crd;

/** A status that says which generation of its resource's spec it describes ({@code status.observedGeneration}). */
public interface ObservedStatus {

    /** Records the generation the pass that wrote this status worked from. */
    void observe(long generation);
}
