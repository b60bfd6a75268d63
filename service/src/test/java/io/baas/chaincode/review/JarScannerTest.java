package io.baas.chaincode.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.chaincode.review.Finding.Category;
import io.baas.chaincode.review.fixtures.CleanContract;
import io.baas.chaincode.review.fixtures.FileContract;
import io.baas.chaincode.review.fixtures.NetworkContract;
import io.baas.chaincode.review.fixtures.RandomContract;
import io.baas.chaincode.review.fixtures.ReflectionContract;
import io.baas.chaincode.review.fixtures.ThreadContract;
import io.baas.chaincode.review.fixtures.UnorderedContract;
import io.baas.chaincode.review.fixtures.WallClockContract;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.support.ContractJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review report's bytecode scan, on jars built here from third-party-style contracts, one per
 * finding category, a clean one, and the shipped built-in chaincodes.
 */
class JarScannerTest {

    static java.util.stream.Stream<Arguments> oneContractPerCategory() {
        return java.util.stream.Stream.of(
                Arguments.of(WallClockContract.class, Category.WALL_CLOCK, "java.time.Instant.now"),
                Arguments.of(RandomContract.class, Category.RANDOMNESS, "java.util.UUID.randomUUID"),
                Arguments.of(ThreadContract.class, Category.THREADS, "java.lang.Thread"),
                Arguments.of(FileContract.class, Category.FILE_IO, "java.nio.file.Files.readString"),
                Arguments.of(NetworkContract.class, Category.NETWORK_IO, "java.net.URL"),
                Arguments.of(ReflectionContract.class, Category.REFLECTION, "java.lang.Class.forName"),
                Arguments.of(UnorderedContract.class, Category.UNORDERED_ITERATION, "java.util.HashMap.keySet"));
    }

    @ParameterizedTest
    @MethodSource("oneContractPerCategory")
    void eachCategoryIsFlaggedWithItsClassAndMethod(Class<?> contract, Category category, String detail) throws IOException {
        JarScanner.Report report = JarScanner.scan(jar(contract, CleanContract.class));

        assertThat(report.classesScanned()).isEqualTo(2);
        assertThat(report.findings()).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.className()).isEqualTo(contract.getName());
            assertThat(finding.method()).doesNotStartWith("<init>");
        });
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.category()).isEqualTo(category);
            assertThat(finding.detail()).contains(detail);
        });
    }

    @Test
    void aCleanContractAndTheBuiltInsHaveNoFindings() throws IOException {
        assertThat(JarScanner.scan(jar(CleanContract.class)).findings()).isEmpty();
        for (BuiltInChaincodes.Definition builtIn : BuiltInChaincodes.DEFINITIONS) {
            JarScanner.Report report = JarScanner.scan(BuiltInChaincodes.jar(builtIn));
            assertThat(report.findings()).as(builtIn.name()).isEmpty();
            assertThat(report.classesScanned()).as(builtIn.name() + ": its own classes were read").isPositive();
        }
    }

    /** A class under a library's name is not scanned, and the report says so: the reviewer sees what was skipped. */
    @Test
    void classesUnderALibrarysNameAreSkippedAndCounted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            add(zip, "io/grpc/Hidden.class", classBytes(ThreadContract.class));
            add(zip, classPath(CleanContract.class), classBytes(CleanContract.class));
        }
        JarScanner.Report report = JarScanner.scan(bytes.toByteArray());
        assertThat(report.findings()).isEmpty();
        assertThat(report.librariesSkipped()).containsEntry("io.grpc.*", 1);
    }

    @Test
    void whatIsNoJarOrNoClassIsRefused() throws IOException {
        assertThatThrownBy(() -> JarScanner.scan("not a jar".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            add(zip, "io/example/Broken.class", "CAFEBABE but not a class".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> JarScanner.scan(bytes.toByteArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not parse");
    }

    private static byte[] jar(Class<?>... classes) {
        return ContractJars.jar(classes);
    }

    private static String classPath(Class<?> type) {
        return ContractJars.classPath(type);
    }

    private static byte[] classBytes(Class<?> type) {
        return ContractJars.classBytes(type);
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ContractJars.add(zip, name, content);
    }
}
