package io.baas;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.bench.ClassArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image's class archive step ({@code src/main/docker/train-class-archive.sh}) on a copy of the
 * packaged application laid out as in the image: it writes an archive for the JVM that runs this test
 * (an AOT cache on JDK 25 and later, as the image's; a dynamic AppCDS archive before), and a start
 * that refuses to run rather than ignore an archive it cannot use ({@code -XX:AOTMode=on},
 * {@code -Xshare:on}) loads the application's classes from it, from another working directory, as
 * run-java.sh starts the jar.
 */
class ClassArchiveIT {

    private static final Path SCRIPT = Path.of("src", "main", "docker", "train-class-archive.sh");

    @Test
    void theTrainingStartWritesAnArchiveThatTheNextStartMaps() throws Exception {
        Path deployments = Files.createTempDirectory("ks-baas-deployments");
        copy(Path.of("target", "quarkus-app"), deployments);
        Process training = new ProcessBuilder("bash", SCRIPT.toString(), deployments.toString()).redirectErrorStream(true).start();
        String trainingOutput = new String(training.getInputStream().readAllBytes());
        assertThat(training.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(training.exitValue()).as(trainingOutput).isZero();
        ClassArchive kind = ClassArchive.forThisJvm();
        Path archive = deployments.resolve(kind.fileName());
        assertThat(archive).isNotEmptyFile();

        Path log = Files.createTempFile("ks-baas-archive", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(kind.useOrRefuse(archive));
        command.addAll(List.of("-Xlog:class+load=info", "-jar", deployments.resolve("quarkus-run.jar").toString()));
        ProcessBuilder start = new ProcessBuilder(command)
                .directory(Files.createTempDirectory("elsewhere").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().putAll(java.util.Map.of("BAAS_KUBERNETES_EMBEDDED", "true", "BAAS_IAM_JWT_SECRET", "archive-test",
                "QUARKUS_HTTP_PORT", "0"));
        Process service = start.start();
        try {
            // The bound only turns a hang into a failure; the loop ends when the log says the service started.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.readString(log).contains("started in")) {
                assertThat(service.isAlive()).as("the start with the archive ended; its log:\n%s", tail(log)).isTrue();
                assertThat(System.nanoTime()).as("the start with the archive never said it started; its log:\n%s", tail(log))
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(Files.readString(log)).as("application classes come from the archive")
                    .contains("io.baas.api.ConsortiumResource source: shared objects file");
        } finally {
            service.destroy();
            service.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path source : all) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }
}
