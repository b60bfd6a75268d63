package io.baas.chaincode.common;

import java.util.regex.Pattern;

/** Checks of transaction arguments; every failure is an {@link Failure#INVALID_ARGUMENT}. */
public final class Args {

    public static final int MAX_PAGE_SIZE = 100;
    private static final Pattern PAGE_SIZE = Pattern.compile("[0-9]{1,3}");
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,18}");

    private Args() {
    }

    /** A non-blank value of at most {@code maxLength} characters, as given. */
    public static String required(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw Failure.invalid(name + " is required");
        }
        return bounded(name, value, maxLength);
    }

    /** A value of at most {@code maxLength} characters; absent counts as empty. */
    public static String bounded(String name, String value, int maxLength) {
        String text = value == null ? "" : value;
        if (text.length() > maxLength) {
            throw Failure.invalid(name + " is longer than " + maxLength + " characters (" + text.length() + ")");
        }
        if (text.indexOf('\u0000') >= 0 || text.indexOf("\udbff\udfff") >= 0) {
            throw Failure.invalid(name + " contains U+0000 or U+10FFFF, which ledger keys reserve");
        }
        return text;
    }

    /** A page size from 1 to {@value #MAX_PAGE_SIZE}. */
    public static int pageSize(String value) {
        if (value == null || !PAGE_SIZE.matcher(value).matches()
                || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_PAGE_SIZE) {
            throw Failure.invalid("page size must be a whole number from 1 to " + MAX_PAGE_SIZE + ", was '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /** A positive whole number that fits a signed 64-bit integer. */
    public static long positiveAmount(String name, String value) {
        if (value == null || !POSITIVE.matcher(value).matches()) {
            throw Failure.invalid(name + " must be a positive whole number, was '" + value + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Failure.invalid(name + " must be at most " + Long.MAX_VALUE + ", was " + value);
        }
    }
}
