package io.baas.chaincode.repository;

import io.baas.fabric.Sha256;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.chaincode.ParsedPackage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The built-in chaincodes (notarization, asset transfer) as the repository shows them to every
 * workspace: platform packages, approved by the platform that ships them, with the same automatic
 * report an upload gets (their jars scanned like anyone's). Built once, on first use.
 */
@ApplicationScoped
public class PlatformPackages {

    /** Who uploaded and approved a platform package. */
    public static final String PLATFORM = "platform";

    /**
     * A built-in with its package's bytes. Its jar (about 40 MB) is read from the resources when
     * asked for, not kept: a download or a launch is rare, and the heap would hold it for good.
     */
    record Platform(PackageVersionView view, byte[] packageBytes, BuiltInChaincodes.Definition definition) {

        byte[] jar() {
            return BuiltInChaincodes.jar(definition);
        }
    }

    private volatile List<Platform> packages;

    List<Platform> all() {
        List<Platform> built = packages;
        if (built == null) {
            synchronized (this) {
                if (packages == null) {
                    packages = BuiltInChaincodes.list().stream().map(PlatformPackages::platform).toList();
                }
                built = packages;
            }
        }
        return built;
    }

    public boolean isPlatformName(String name) {
        return BuiltInChaincodes.DEFINITIONS.stream().anyMatch(d -> d.name().equals(name));
    }

    Optional<Platform> find(String name, String version) {
        return all().stream().filter(p -> p.view().name().equals(name) && p.view().version().equals(version)).findFirst();
    }

    private static Platform platform(BuiltInChaincodes.BuiltIn builtIn) {
        byte[] packageBytes = builtIn.chaincodePackage().bytes().toByteArray();
        byte[] jar = BuiltInChaincodes.jar(builtIn.definition());
        ParsedPackage parsed = ChaincodePackageParser.parse(packageBytes);
        ReviewReport report = Reviews.report(parsed, ChaincodeLanguage.JAVA, Optional.of(jar));
        BuiltInChaincodes.Definition definition = builtIn.definition();
        PackageVersionView view = new PackageVersionView(null, true, definition.name(), definition.version(),
                "Built-in " + definition.name() + " chaincode shipped with the platform", ChaincodeLanguage.JAVA.label(),
                definition.label(), builtIn.packageId(), HexFormat.of().formatHex(Sha256.digest(packageBytes).toByteArray()), packageBytes.length, null,
                builtIn.jar().jar(), true, ReviewState.APPROVED.label(), PLATFORM, null, PLATFORM, null,
                "Shipped and approved with the platform.", report);
        return new Platform(view, packageBytes, definition);
    }
}
