package io.baas.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.baas.fabric.block.UpwardImportFixture;
import io.baas.organization.StatusWritingFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production classes of every module on the service's class path (fabric, sandbox, service)
 * keep {@link ArchitectureRules}; test sources and the modules' test jars are left out.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.baas");
    }

    @Test
    void theFabricLibraryStandsAlone() {
        ArchitectureRules.FABRIC_LIBRARY_STANDS_ALONE.check(production);
    }

    @Test
    void theSandboxUsesOnlyTheLibrary() {
        ArchitectureRules.SANDBOX_USES_ONLY_THE_LIBRARY.check(production);
    }

    @Test
    void theServiceLayersAreOneWay() {
        ArchitectureRules.SERVICE_LAYERS.check(production);
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        ArchitectureRules.NO_CYCLE_BETWEEN_TOP_LEVEL_PACKAGES.check(production);
    }

    @Test
    void noCycleBetweenLibraryPackages() {
        ArchitectureRules.NO_CYCLE_BETWEEN_LIBRARY_PACKAGES.check(production);
    }

    @Test
    void onlyReconcilersWriteStatus() {
        ArchitectureRules.ONLY_RECONCILERS_WRITE_STATUS.check(production);
    }

    @Test
    void aStatusWriteOutsideTheReconcilersIsRefused() {
        JavaClasses bad = new ClassFileImporter().importClasses(StatusWritingFixture.class);
        assertThatThrownBy(() -> ArchitectureRules.ONLY_RECONCILERS_WRITE_STATUS.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(StatusWritingFixture.class.getName())
                .hasMessageContaining("StatusWriter.update");
    }

    /** The rules can fail: a library class that uses the service's API is refused, as an outside dependency and as an upward one. */
    @Test
    void anUpwardImportIsRefused() {
        JavaClasses bad = new ClassFileImporter().importClasses(UpwardImportFixture.class);
        assertThatThrownBy(() -> ArchitectureRules.FABRIC_LIBRARY_STANDS_ALONE.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UpwardImportFixture.class.getName())
                .hasMessageContaining("io.baas.api");
        assertThatThrownBy(() -> ArchitectureRules.SERVICE_LAYERS.check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UpwardImportFixture.class.getName());
    }
}
