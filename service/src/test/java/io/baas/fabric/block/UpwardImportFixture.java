package io.baas.fabric.block;

import io.baas.api.ApiError;

/**
 * Deliberately wrong, for ArchitectureTest: a class in a Fabric library package that uses the
 * service's API layer. It lives in the service's test sources, so it compiles but never ships.
 */
public final class UpwardImportFixture {

    private UpwardImportFixture() {
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "NotFound", what);
    }
}
