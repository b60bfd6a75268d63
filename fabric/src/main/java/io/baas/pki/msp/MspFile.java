package io.baas.pki.msp;

import io.baas.pki.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/** One file of a folder tree: a safe relative path, its bytes and how secret it is. */
public record MspFile(String path, byte[] content, FileKind kind) {

    // Relative, '/'-separated, no empty, '.' or '..' segments: a tree can never escape its target directory.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@-][A-Za-z0-9._@-]*");

    public MspFile {
        Objects.requireNonNull(kind, "kind");
        requireSafePath(path);
        content = content.clone();
    }

    public static MspFile text(String path, String content, FileKind kind) {
        return new MspFile(path, content.getBytes(StandardCharsets.UTF_8), kind);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The last path segment. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static void requireSafePath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidNameException("empty file path");
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                throw new InvalidNameException("unsafe file path '" + path + "'");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MspFile file && path.equals(file.path) && kind == file.kind
                && Arrays.equals(content, file.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, kind, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "MspFile[" + path + ", " + kind + ", " + content.length + " bytes]";
    }
}
