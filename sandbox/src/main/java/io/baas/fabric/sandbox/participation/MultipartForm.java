package io.baas.fabric.sandbox.participation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a multipart/form-data body (RFC 7578), enough for what osnadmin sends: named
 * parts, with or without a file name, and their raw bytes.
 */
record MultipartForm(List<Part> parts) {

    /** One part: its form field name, whether it came as a file, and its content. */
    record Part(String name, boolean file, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static Optional<String> boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType);
        return matcher.find() ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    static MultipartForm parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new IllegalArgumentException("multipart: NextPart: EOF");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            position += delimiter.length;
            if (startsWith(body, position, "--")) {
                return new MultipartForm(List.copyOf(parts));
            }
            if (!startsWith(body, position, "\r\n")) {
                throw new IllegalArgumentException("multipart: boundary not followed by a line break");
            }
            int headersStart = position + 2;
            int headersEnd = indexOf(body, HEADER_END, headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart: part without headers end");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + HEADER_END.length;
            byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("multipart: NextPart: EOF");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
            position = contentEnd + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = headers.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-disposition:"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("multipart: part without Content-Disposition"));
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw new IllegalArgumentException("multipart: part without a name");
        }
        return new Part(name.group(1), disposition.contains("filename="), content);
    }

    private static boolean startsWith(byte[] body, int position, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return position + expected.length <= body.length
                && Arrays.equals(body, position, position + expected.length, expected, 0, expected.length);
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = from; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
