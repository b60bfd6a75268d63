package io.baas.explorer;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated columns, one row per line, {@code \N} for
 * null, backslash escapes for the characters the format uses, bytea as escaped hex, arrays as
 * array literals. Faster to send and to load than one INSERT per row.
 */
final class CopyText {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean rowStarted;

    CopyText text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyText number(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyText bool(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyText bytes(byte[] value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            text.append("\\\\x");
            HEX.formatHex(text, value);
        }
        return this;
    }

    CopyText time(Instant value) {
        return text(value == null ? null : value.toString());
    }

    /** A text[] literal: every element quoted, its quotes and backslashes escaped. */
    CopyText array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "\"" : ",\"")
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text(literal.append('}').toString());
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
