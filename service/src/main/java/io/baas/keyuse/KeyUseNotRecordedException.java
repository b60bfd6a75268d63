package io.baas.keyuse;

import io.baas.store.DatabaseUnavailableException;

/** The record of a key use could not be written, so the key was not used (the API answers 503). */
public class KeyUseNotRecordedException extends DatabaseUnavailableException {

    public KeyUseNotRecordedException(KeyUse use, Throwable cause) {
        super("The use of " + use.organization() + "'s key " + use.identity() + " (" + use.action().label()
                + ") was refused: its audit record could not be written: " + cause.getMessage(), cause);
    }
}
