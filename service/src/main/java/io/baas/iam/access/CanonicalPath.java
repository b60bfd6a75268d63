package io.baas.iam.access;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one spelling of a request path that every decision may use. Authentication, authorization and
 * audit read the path as sent while the router decodes and normalizes it, so a path is only accepted
 * when both readings are the same text: no percent-escape that spells a character a path may hold as
 * it is or that changes how it splits (any ASCII character: letters, digits, {@code -._~}, slash,
 * backslash, {@code ;}, {@code %}, space, controls), no empty, {@code .} or {@code ..} segments, no
 * backslash, no {@code ;} parameters and no fragment. Escapes of non-ASCII UTF-8 stay: they have no
 * other spelling and cannot spell a name of ours (DNS labels), so such a request fails validation. Pure.
 */
public final class CanonicalPath {

    private CanonicalPath() {
    }

    /** The one answer to a path that is not canonical, wherever it is caught. */
    public static DomainException refusal(String violation) {
        return new DomainException(ErrorKind.INVALID, "NonCanonicalPath", "The request path is refused: " + violation + ".",
                java.util.List.of(new FieldError("path", "must be sent in its one canonical spelling")));
    }

    /** Why the raw path is not canonical, or empty when it is. */
    public static Optional<String> violation(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path must start with '/'");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '\\') {
                return Optional.of("the path contains a backslash");
            }
            if (c == ';') {
                return Optional.of("the path contains ';' (path parameters are not accepted)");
            }
            if (c == '#' || c == '?') {
                return Optional.of("the path contains '" + c + "'");
            }
            if (c < 0x21 || c == 0x7f || c > 0x7e) {
                return Optional.of("the path contains a character that must be percent-encoded");
            }
        }
        Optional<String> escape = escapeViolation(rawPath);
        if (escape.isPresent()) {
            return escape;
        }
        return segmentViolation(rawPath);
    }

    private static Optional<String> escapeViolation(String rawPath) {
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                return Optional.of("the path contains a '%' that is not a percent-escape");
            }
            int value = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
            if (value < 0x80) {
                return Optional.of("the path percent-encodes '" + printable((char) value) + "', which must be sent as it is or not at all");
            }
            bytes.put((byte) value);
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            return Optional.of("the path's percent-escapes are not UTF-8");
        }
        return Optional.empty();
    }

    private static Optional<String> segmentViolation(String rawPath) {
        String body = rawPath.substring(1);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        String[] segments = body.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && !last) {
                return Optional.of("the path contains an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("the path contains a '" + segment + "' segment");
            }
        }
        return Optional.empty();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String printable(char c) {
        return c < 0x21 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }
}
