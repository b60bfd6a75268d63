package io.baas.fabric.sandbox.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scraper for the tests: a node's operations endpoint read as Prometheus reads it, its exposition checked line by line. */
public final class Operations {

    /** One sample as scraped. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (-?[0-9.eE+-]+|\\+Inf|-Inf|NaN)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$");

    private Operations() {
    }

    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The samples of {@code /metrics}; fails on a line that is not the text format, or a sample of a family with no TYPE. */
    public static List<Sample> metrics(int port) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(port, "/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Set<String> typed = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("# HELP ")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                typed.add(type.group(1));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            String name = sample.group(1);
            assertThat(typed).as("the TYPE of %s came before it", name).anyMatch(family -> name.equals(family)
                    || name.equals(family + "_bucket") || name.equals(family + "_sum") || name.equals(family + "_count"));
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                int end = 0;
                while (label.find() && label.start() == end) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    end = label.end();
                }
                assertThat(end).as("labels of %s", line).isEqualTo(sample.group(3).length());
            }
            samples.add(new Sample(name, labels, Double.parseDouble(sample.group(4).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
        }
        return samples;
    }

    /** The value of the one sample with exactly these labels; fails when there is none. */
    public static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + labels + " among " + samples.stream()
                        .filter(s -> s.name().equals(name)).toList()))
                .value();
    }
}
