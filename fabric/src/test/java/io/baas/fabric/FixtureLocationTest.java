package io.baas.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests read the Fabric data from the repository's testdata/, and say so when it is not there. */
class FixtureLocationTest {

    private static final Path REPOSITORY_TESTDATA = Path.of("..", "testdata", "fabric-2.5.5").toAbsolutePath().normalize();

    @Test
    void theFixturesAreTheRepositoryTestdata() {
        assertThat(Fixtures.root()).isEqualTo(REPOSITORY_TESTDATA);
        assertThat(Fixtures.path("facts.json")).isRegularFile();
        assertThat(Fixtures.block(11)).hasSize(4100);
    }

    @Test
    void mavenNamesTheFolderSoNoTestGuessesIt() {
        // surefire and failsafe both set basedir; under them the parent pom's property must be there too
        assumeTrue(System.getProperty("basedir") != null, "run by Maven");
        assertThat(System.getProperty(Fixtures.PROPERTY)).as(Fixtures.PROPERTY).isNotBlank();
        assertThat(Path.of(System.getProperty(Fixtures.PROPERTY)).toAbsolutePath().normalize()).isEqualTo(REPOSITORY_TESTDATA);
    }

    @Test
    void aMissingFolderIsNamedWithTheProperty(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> Fixtures.locate(missing.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(Fixtures.PROPERTY + " = " + missing)
                .hasMessageContaining("testdata/fabric-2.5.5");
    }

    @Test
    void aFolderWithoutTheDataIsRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "not the fixtures");
        assertThatThrownBy(() -> Fixtures.locate(dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not at " + dir);
    }
}
