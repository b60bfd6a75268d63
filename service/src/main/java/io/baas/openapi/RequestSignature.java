package io.baas.openapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The open API's request signature, {@code KSB-HMAC-SHA256} (docs/open-api.md): HMAC-SHA256 with
 * the access key's secret over a string that names the scheme, the request's time and the SHA-256
 * of its canonical form: method, path, sorted query, the signed headers (host, the body's SHA-256,
 * the time and a nonce at least) and the body's SHA-256. Both sides build it with this class; it
 * has no state and no dependency beyond the JDK.
 */
public final class RequestSignature {

    public static final String SCHEME = "KSB-HMAC-SHA256";
    public static final String DATE_HEADER = "x-ksb-date";
    public static final String NONCE_HEADER = "x-ksb-nonce";
    public static final String CONTENT_HEADER = "x-ksb-content-sha256";
    /** Headers every signature must cover; content-type too when the request has one. */
    public static final List<String> REQUIRED_HEADERS = List.of("host", CONTENT_HEADER, DATE_HEADER, NONCE_HEADER);
    public static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    public static final Pattern NONCE = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");

    private static final Pattern AUTHORIZATION = Pattern.compile("^" + SCHEME
            + " Credential=(?<key>[A-Z0-9]{8,32}), ?SignedHeaders=(?<headers>[a-z0-9-]+(;[a-z0-9-]+)*), ?Signature=(?<signature>[0-9a-f]{64})$");
    private static final HexFormat HEX = HexFormat.of();

    private RequestSignature() {
    }

    /** The parts of an {@code Authorization} header of this scheme. */
    public record Authorization(String accessKeyId, List<String> signedHeaders, String signature) {

        public String header() {
            return SCHEME + " Credential=" + accessKeyId + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature;
        }
    }

    /** The header's parts, or empty when it is not of this scheme or not well formed. */
    public static Optional<Authorization> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = AUTHORIZATION.matcher(header.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Authorization(matcher.group("key"), List.of(matcher.group("headers").split(";")), matcher.group("signature")));
    }

    /**
     * The canonical request: method, path as sent, the query's parameters decoded, re-encoded (RFC
     * 3986) and sorted, each signed header as {@code name:value} (names lower-case, sorted; values
     * trimmed), the signed header names, and the body's SHA-256 in hex.
     */
    public static String canonicalRequest(String method, String path, String rawQuery, Map<String, String> signedHeaders,
                                          String contentSha256) {
        StringBuilder canonical = new StringBuilder().append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(path).append('\n').append(canonicalQuery(rawQuery)).append('\n');
        List<String> names = signedHeaders.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
        Map<String, String> lowered = new java.util.HashMap<>();
        signedHeaders.forEach((name, value) -> lowered.put(name.toLowerCase(Locale.ROOT), value));
        for (String name : names) {
            canonical.append(name).append(':').append(lowered.get(name).trim()).append('\n');
        }
        return canonical.append(String.join(";", names)).append('\n').append(contentSha256).toString();
    }

    public static String stringToSign(String date, String canonicalRequest) {
        return SCHEME + "\n" + date + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature in lower-case hex. */
    public static String sign(byte[] secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Compares two signatures in time that does not depend on where they differ. */
    public static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String date(Instant instant) {
        return DATE_FORMAT.format(instant);
    }

    /** The query's parameters, each name and value percent-decoded then encoded the one RFC 3986 way, sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986: unreserved characters as they are, every other byte of the UTF-8 as %XX (upper-case). */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
