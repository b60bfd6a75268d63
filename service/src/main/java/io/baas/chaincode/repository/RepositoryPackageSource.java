package io.baas.chaincode.repository;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.StoredChaincodePackage;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.chaincode.PackageLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Approved versions of the workspaces' repositories as packages to deploy. A version's bytes never
 * change once approved, so the few last parsed are kept by SHA-256: a reconcile pass does not read
 * a 100 MiB package from PostgreSQL every time.
 */
@ApplicationScoped
public class RepositoryPackageSource implements ChaincodePackageSource {

    private static final int CACHED = 4;

    private final ChaincodeRepository repository;
    private final Map<String, StoredChaincodePackage> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredChaincodePackage> eldest) {
            return size() > CACHED;
        }
    };

    RepositoryPackageSource(ChaincodeRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<StoredChaincodePackage> find(String name, String version) {
        return Optional.empty(); // the built-ins are BuiltInPackageSource's
    }

    @Override
    public Optional<StoredChaincodePackage> find(Optional<String> workspace, String name, String version) {
        if (workspace.isEmpty()) {
            return Optional.empty();
        }
        Optional<PackageVersionView> approved = repository.approvedVersion(workspace.get(), name, version);
        if (approved.isEmpty()) {
            return Optional.empty();
        }
        String key = approved.get().sha256();
        synchronized (parsed) {
            StoredChaincodePackage cached = parsed.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<ChaincodeRepository.ApprovedPackage> bytes = repository.approved(workspace, name, version);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        StoredChaincodePackage stored = new StoredChaincodePackage(ChaincodePackageParser.parse(bytes.get().packageBytes(),
                PackageLimits.DEFAULT.withMaxPackageBytes(Math.max(PackageLimits.DEFAULT.maxPackageBytes(), bytes.get().packageBytes().length))),
                Optional.ofNullable(bytes.get().view().serverImage()), bytes.get().jar());
        synchronized (parsed) {
            parsed.put(key, stored);
        }
        return Optional.of(stored);
    }
}
