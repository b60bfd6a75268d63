package io.baas.chaincode.repository;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

/** What an upload says about the version besides its package bytes: query parameters of the upload. */
public class NewPackageVersion {

    /** Fabric's rule for chaincode versions. */
    public static final String VERSION = "^[A-Za-z0-9_.+-]{1,64}$";
    /** An image reference: registry/repository[:tag][@digest], no spaces or quotes. */
    public static final String IMAGE = "^[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?(:[A-Za-z0-9_.-]{1,128})?(@sha256:[0-9a-f]{64})?$";

    @QueryParam("version")
    @NotNull
    @Pattern(regexp = VERSION, message = "must be 1 to 64 letters, digits, '.', '_', '+' or '-'")
    public String version;

    @QueryParam("description")
    @Size(max = 1024)
    public String description;

    @QueryParam("language")
    @NotNull
    @Pattern(regexp = "^(java|go|node)$", message = "must be java, go or node")
    public String language;

    /** The chaincode server image the kubernetes runtime runs; without one the version runs only where its jar does. */
    @QueryParam("serverImage")
    @Size(max = 512)
    @Pattern(regexp = IMAGE, message = "must be an image reference (registry/repository[:tag][@sha256:digest])")
    public String serverImage;
}
