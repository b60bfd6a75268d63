package io.baas.iam.rbac;

/** An authorization answer, with the binding that allowed it (for audit and debugging). */
public record Decision(boolean allowed, String reason) {

    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
