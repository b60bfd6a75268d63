package io.baas.keyuse;

/**
 * Where uses of held private keys are recorded, before the key is used: a use whose record cannot
 * be written must not happen, so {@link #record} throws and the caller stops.
 */
public interface KeyUseLog {

    /** @throws KeyUseNotRecordedException when the record could not be written */
    void record(KeyUse use);
}
