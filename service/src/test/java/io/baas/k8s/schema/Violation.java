package io.baas.k8s.schema;

/**
 * One thing a real API server (or its admission) would refuse: which object, where in it (a JSON
 * path), and the rule broken. Its text is what the guard prints, so it must say all three.
 */
public record Violation(String object, String path, String rule) {

    @Override
    public String toString() {
        return object + " at " + (path.isEmpty() ? "." : path) + ": " + rule;
    }
}
