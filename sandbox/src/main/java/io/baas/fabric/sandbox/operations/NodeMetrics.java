package io.baas.fabric.sandbox.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A node's metrics under Fabric's names, written in the Prometheus text format as Fabric's
 * operations endpoint serves them ({@code /metrics}). Counters and histograms are counted as the
 * node works (adders: no lock on the hot path); gauges are read when scraped. Fabric's Prometheus
 * provider names counters without a {@code _total} suffix, and so does this.
 */
public final class NodeMetrics {

    /** Prometheus' default buckets, which Fabric's histograms use unless they name their own. */
    public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    private interface Family {
        String help();

        String type();

        void write(String name, StringBuilder out);
    }

    /** A counter: one adder per combination of label values. */
    public final class Counter implements Family {
        private final String help;
        private final List<String> labels;
        private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

        private Counter(String help, List<String> labels) {
            this.help = help;
            this.labels = labels;
        }

        public void add(long amount, String... labelValues) {
            values.computeIfAbsent(key(labels, labelValues), k -> new LongAdder()).add(amount);
        }

        public void increment(String... labelValues) {
            add(1, labelValues);
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public String type() {
            return "counter";
        }

        @Override
        public void write(String name, StringBuilder out) {
            byText(values).forEach((key, value) -> sample(out, name, labels, key, value.sum()));
        }
    }

    /** A histogram with cumulative buckets, a sum and a count per combination of label values. */
    public final class Histogram implements Family {
        private final String help;
        private final List<String> labels;
        private final double[] buckets;
        private final Map<List<String>, Cells> values = new ConcurrentHashMap<>();

        private record Cells(LongAdder[] buckets, DoubleAdder sum, LongAdder count) {
        }

        private Histogram(String help, List<String> labels, double[] buckets) {
            this.help = help;
            this.labels = labels;
            this.buckets = buckets.clone();
        }

        public void observe(double value, String... labelValues) {
            Cells cells = values.computeIfAbsent(key(labels, labelValues), k -> {
                LongAdder[] counts = new LongAdder[buckets.length];
                Arrays.setAll(counts, i -> new LongAdder());
                return new Cells(counts, new DoubleAdder(), new LongAdder());
            });
            for (int i = 0; i < buckets.length; i++) {
                if (value <= buckets[i]) {
                    cells.buckets()[i].increment();
                }
            }
            cells.sum().add(value);
            cells.count().increment();
        }

        @Override
        public String help() {
            return help;
        }

        @Override
        public String type() {
            return "histogram";
        }

        @Override
        public void write(String name, StringBuilder out) {
            List<String> withLe = new ArrayList<>(labels);
            withLe.add("le");
            byText(values).forEach((key, cells) -> {
                for (int i = 0; i < buckets.length; i++) {
                    List<String> bucket = new ArrayList<>(key);
                    bucket.add(number(buckets[i]));
                    sample(out, name + "_bucket", withLe, bucket, cells.buckets()[i].sum());
                }
                List<String> infinity = new ArrayList<>(key);
                infinity.add("+Inf");
                sample(out, name + "_bucket", withLe, infinity, cells.count().sum());
                sample(out, name + "_sum", labels, key, cells.sum().sum());
                sample(out, name + "_count", labels, key, cells.count().sum());
            });
        }
    }

    /** A gauge read when scraped: its value per combination of label values. */
    private record Gauge(String help, List<String> labels, Supplier<Map<List<String>, Double>> read) implements Family {
        @Override
        public String type() {
            return "gauge";
        }

        @Override
        public void write(String name, StringBuilder out) {
            byText(read.get()).forEach((key, value) -> sample(out, name, labels, key, value));
        }
    }

    public Counter counter(String name, String help, String... labels) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(help, List.of(labels)));
    }

    public Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(help, List.of(labels), buckets));
    }

    /** A gauge whose values {@code read} gives when scraped, keyed by their label values in {@code labels}' order. */
    public void gauge(String name, String help, Supplier<Map<List<String>, Double>> read, String... labels) {
        families.put(name, new Gauge(help, List.of(labels), read));
    }

    /** Every family, sorted by name, in the text exposition format 0.0.4. */
    public String exposition() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(families).forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(family.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.write(name, out);
        });
        return out.toString();
    }

    private static List<String> key(List<String> labels, String[] values) {
        if (values.length != labels.size()) {
            throw new IllegalArgumentException("expected values for " + labels + ", got " + values.length);
        }
        return List.of(values);
    }

    private static <V> Map<String, Map.Entry<List<String>, V>> byTextEntries(Map<List<String>, V> values) {
        Map<String, Map.Entry<List<String>, V>> sorted = new TreeMap<>();
        values.forEach((key, value) -> sorted.put(String.join("\u0000", key), Map.entry(key, value)));
        return sorted;
    }

    /** The values in a stable order: by their label values. */
    private static <V> Map<List<String>, V> byText(Map<List<String>, V> values) {
        Map<List<String>, V> ordered = new java.util.LinkedHashMap<>();
        byTextEntries(values).values().forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    private static void sample(StringBuilder out, String name, List<String> labels, List<String> values, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels.get(i)).append("=\"").append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                        .append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.isInfinite(value) ? (value > 0 ? "+Inf" : "-Inf") : String.format(Locale.ROOT, "%s", value);
    }
}
