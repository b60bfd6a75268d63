package io.baas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/ks-baas-fabric on the packaged tool (cli/target/ks-baas-fabric.jar and its lib/): no service, no database, no cluster. */
class FabricCliPackagedIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "ks-baas-fabric").toAbsolutePath().normalize();

    record Result(int code, String output) {
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Nothing to reach: a database or cluster it tried to use would make it fail or hang.
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    @Test
    void theLauncherGeneratesAnOrganizationAndBuildsAPackage(@TempDir Path dir) throws Exception {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.output()).contains("org", "channel", "orderer", "peer", "chaincode", "block");

        Result generated = run("org", "generate", "--msp-id", "Org1MSP", "--domain", "org1.example.com", "--peers", "1",
                "--out", dir.resolve("org1").toString());
        assertThat(generated.code()).as(generated.output()).isZero();
        assertThat(dir.resolve("org1/peers/peer0.org1.example.com/tls/server.key")).exists();
        assertThat(Files.readString(dir.resolve("org1/msp/config.yaml"))).contains("NodeOUs");

        Result packaged = run("chaincode", "package", "--label", "basic_1.0", "--address", "basic:9999", "--out", dir.resolve("p.tgz").toString());
        assertThat(packaged.code()).as(packaged.output()).isZero();
        assertThat(packaged.output().trim()).startsWith("basic_1.0:");

        // Nothing but the command's own words: no logging-setup warning on stderr (the launcher's JVM once
        // printed "The LogManager accessed before the java.util.logging.manager system property was set",
        // when the tool ran on the service's class path).
        for (Result result : List.of(help, generated, packaged)) {
            assertThat(result.output()).doesNotContain("LogManager").doesNotContain("ERROR");
        }

        Result wrong = run("peer", "join");
        assertThat(wrong.code()).isEqualTo(FabricCli.USAGE);
        assertThat(wrong.output()).contains("Missing required option");
    }
}
