package io.baas.iam.access;

import io.baas.iam.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by the /kapis security filter once it is authenticated. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller on this request");
        }
        return caller;
    }

    /** Empty when the request was refused before anyone was authenticated. */
    public java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(caller);
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
