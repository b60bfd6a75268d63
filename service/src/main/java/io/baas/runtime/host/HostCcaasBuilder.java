package io.baas.runtime.host;

import io.baas.fabric.chaincode.ChaincodeServerMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The external builder a host's {@code bin/peer} uses for CCaaS packages: the release's own
 * {@code builders/ccaas}, with one step added to its release. A package's connection.json names its
 * server as the platform runs it on Kubernetes (a Service, {@code notarization.{{.namespace}}:9999},
 * one package for every organization); on one machine that name resolves nowhere, so after the
 * release's step this builder replaces the filled-in address by where the host runtime runs that
 * server, from its {@link ChaincodeServerMap} (named by {@code KS_BAAS_CHAINCODE_SERVERS}, which the
 * peer passes on). No such server fails the install with that reason, as a failed build does.
 * Fabric runs release at install and keeps its output, so a server keeps its port for its life.
 */
final class HostCcaasBuilder {

    static final String NAME = "ks-baas-ccaas";

    private HostCcaasBuilder() {
    }

    /** Writes the builder under {@code <data-dir>/.builders/} (a name no namespace can take); returns its folder. */
    static Path write(FabricRelease release, Path dataDir) {
        Path builder = dataDir.resolve(".builders").resolve("ccaas");
        Path ccaas = release.ccaasBuilder().toAbsolutePath();
        script(builder.resolve("bin/detect"), "exec " + quoted(ccaas.resolve("bin/detect")) + " \"$@\"\n");
        script(builder.resolve("bin/build"), "exec " + quoted(ccaas.resolve("bin/build")) + " \"$@\"\n");
        script(builder.resolve("bin/release"), """
                set -eu
                %s "$@"
                connection="$2/chaincode/server/connection.json"
                [ -f "$connection" ] || exit 0
                named=$(sed -n 's/^{"address":"\\([^"]*\\)".*/\\1/p' "$connection")
                servers="${%s:-}"
                target=""
                if [ -n "$servers" ] && [ -f "$servers" ]; then
                  target=$(awk -v named="$named" '$1 == named { print $2 }' "$servers")
                fi
                if [ -z "$target" ]; then
                  echo "no chaincode server runs for $named on this host (server map: ${servers:-%s is not set})" >&2
                  exit 1
                fi
                sed "s|^{\\"address\\":\\"[^\\"]*\\"|{\\"address\\":\\"$target\\"|" "$connection" > "$connection.mapped"
                mv "$connection.mapped" "$connection"
                """.formatted(quoted(ccaas.resolve("bin/release")), ChaincodeServerMap.ENV, ChaincodeServerMap.ENV));
        return builder;
    }

    private static void script(Path file, String body) {
        byte[] content = ("#!/bin/sh\n# Written by ks-baas's host runtime (docs/host-runtime.md).\n" + body).getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, content);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host's ccaas builder " + file, e);
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
