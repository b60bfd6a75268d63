package io.baas.organization;

import io.baas.fabric.identity.Signer;
import io.baas.fabric.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/** The client identity an organization holds for one KubeSphere user, and its signer. */
public record UserIdentity(String organization, String name, Signer signer) {

    private static final int READABLE = 40;

    /**
     * The identity's name: {@code u-}, the user name made a DNS label (at most 40 characters of it),
     * and 8 hex digits of its SHA-256, so names that read alike stay apart.
     */
    public static String nameFor(String username) {
        String readable = username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        if (readable.length() > READABLE) {
            readable = readable.substring(0, READABLE).replaceAll("-$", "");
        }
        String hash = HexFormat.of().formatHex(Sha256.digest(username.getBytes(StandardCharsets.UTF_8)).substring(0, 4).toByteArray());
        return "u-" + (readable.isEmpty() ? "" : readable + "-") + hash;
    }
}
