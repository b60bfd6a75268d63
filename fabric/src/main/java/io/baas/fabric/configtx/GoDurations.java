package io.baas.fabric.configtx;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Go's time.Duration.String writes them ("2s", "500ms", "1m30s"): Fabric
 * stores the batch timeout and raft tick interval as such text and parses it back with Go.
 */
public final class GoDurations {

    // Go's time.ParseDuration: a sequence of decimal numbers, each with a unit.
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /** Reads Go's duration text such as the orderer's BatchTimeout ("2s", "1m30s", "0.5s"); no sign accepted. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ChannelConfigException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (matcher.lookingAt()) {
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(UNIT_NANOS.get(matcher.group(2)))));
            end = matcher.end();
            matcher.region(end, text.length());
        }
        if (end != text.length()) {
            throw new ChannelConfigException("invalid duration '" + text + "'");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new ChannelConfigException("duration must not be negative, was " + duration);
        }
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos, 1_000_000) + "ms";
        }
        long seconds = nanos / 1_000_000_000;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(decimal(nanos % 60_000_000_000L, 1_000_000_000)).append('s').toString();
    }

    /** value / unit with the fraction's trailing zeros dropped. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String padded = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
        return whole + "." + padded;
    }
}
