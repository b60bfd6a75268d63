package io.baas.fabric.configtx;

import java.time.Duration;

/**
 * Durations written as Go's time.Duration.String writes them ("2s", "500ms", "1m30s"): Fabric
 * stores the batch timeout and raft tick interval as such text and parses it back with Go.
 */
final class GoDurations {

    private GoDurations() {
    }

    static String format(Duration duration) {
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
