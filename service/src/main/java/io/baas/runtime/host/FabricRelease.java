package io.baas.runtime.host;

import io.baas.error.DomainException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Fabric 2.5 release unpacked on the host ({@code FABRIC_HOME}): {@code bin/peer},
 * {@code bin/orderer}, the {@code ccaas} external builder under {@code builders/ccaas}, and the
 * sample configuration under {@code config/}. Checked before a node is started from it, so a wrong
 * home is reported with what was expected rather than as a node that keeps crashing.
 */
public record FabricRelease(Path home) {

    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*Version:\\s*v?(\\d+\\.\\d+\\.\\d+)");

    Path peer() {
        return home.resolve("bin/peer");
    }

    Path orderer() {
        return home.resolve("bin/orderer");
    }

    Path ccaasBuilder() {
        return home.resolve("builders/ccaas");
    }

    Path config() {
        return home.resolve("config");
    }

    /** The release's files are there and {@code peer version} says 2.5.x; otherwise a 409 that says what is wrong. */
    String verify() {
        List<String> missing = new ArrayList<>();
        for (Path executable : List.of(peer(), orderer(), ccaasBuilder().resolve("bin/detect"), ccaasBuilder().resolve("bin/build"),
                ccaasBuilder().resolve("bin/release"))) {
            if (!Files.isExecutable(executable)) {
                missing.add(home.relativize(executable) + " (executable)");
            }
        }
        for (Path file : List.of(config().resolve("core.yaml"), config().resolve("orderer.yaml"))) {
            if (!Files.isRegularFile(file)) {
                missing.add(home.relativize(file).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw DomainException.conflict("FABRIC_HOME " + home + " is not a Fabric 2.5 release: it has no " + String.join(", ", missing)
                    + ". Set baas.host.fabric-home (env FABRIC_HOME) to the folder holding bin/, builders/ and config/ of "
                    + "hyperledger-fabric-linux-amd64-2.5.x.tar.gz.");
        }
        String version = version(run(peer().toString(), "version"));
        if (!version.startsWith("2.5.")) {
            throw DomainException.conflict("FABRIC_HOME " + home + " holds Fabric " + version + "; the host runtime runs Fabric 2.5.x.");
        }
        return version;
    }

    /** The version {@code peer version} prints ({@code  Version: 2.5.5} or {@code v2.5.5}). */
    static String version(String output) {
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw DomainException.conflict("bin/peer version printed no version: " + output.strip());
        }
        return matcher.group(1);
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw DomainException.conflict(String.join(" ", command) + " did not answer within 30 s.");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DomainException.conflict("Cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DomainException.unavailable("Interrupted while running " + String.join(" ", command));
        }
    }
}
