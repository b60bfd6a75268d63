package io.baas.runtime.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a node's process was started with, as one SHA-256: its command, environment and working
 * directory, and the files from custody (MSP and TLS folders, a chaincode server's jar and key). A pass that computes another restarts the node,
 * as a changed pod template (a renewed certificate, a new setting) rolls a pod.
 */
final class LaunchFingerprint {

    private LaunchFingerprint() {
    }

    /** @param files the files from custody the process reads, by path ({@link HostNodeDirectory#files}) */
    static String of(SupervisedProcess.Launch launch, Map<String, byte[]> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        launch.command().forEach(argument -> field(digest, "command", argument.getBytes(StandardCharsets.UTF_8)));
        new TreeMap<>(launch.environment()).forEach((name, value) ->
                field(digest, "env " + name, value.getBytes(StandardCharsets.UTF_8)));
        field(digest, "directory", launch.workingDirectory().toString().getBytes(StandardCharsets.UTF_8));
        files.forEach((path, content) -> field(digest, "file " + path, content));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A label and a value, each length-prefixed, so no two different launches hash the same bytes. */
    private static void field(MessageDigest digest, String label, byte[] value) {
        byte[] name = label.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(8).putInt(name.length).putInt(value.length).array());
        digest.update(name);
        digest.update(value);
    }
}
