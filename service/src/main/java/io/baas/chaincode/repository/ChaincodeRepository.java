package io.baas.chaincode.repository;

import io.baas.config.BaasConfig;
import io.baas.crd.CamelCase;
import io.baas.crd.Chaincode;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.fabric.Sha256;
import io.baas.fabric.chaincode.ChaincodePackageException;
import io.baas.fabric.chaincode.ChaincodePackageParser;
import io.baas.fabric.chaincode.PackageLimits;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.fabric.chaincode.SandboxJar;
import io.baas.iam.Caller;
import io.baas.store.Db;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A workspace's chaincode repository (链码仓库): its members upload versions of their chaincode (a
 * CCaaS package, optionally its server image and its runnable jar), a reviewer other than the
 * uploader approves or rejects each once (合约审计), and only approved versions deploy. Every
 * workspace also sees the platform's built-in packages, approved. A version is found by its
 * workspace, name and version, never by name alone. Nothing is written for a refused upload.
 */
@ApplicationScoped
public class ChaincodeRepository {

    private static final Logger LOG = Logger.getLogger(ChaincodeRepository.class);
    private static final String BY_VERSION = "workspace = :workspace and name = :name and version = :version";

    private final PlatformPackages platform;
    private final KubernetesClient client;
    private final PackageLimits limits;
    private final Semaphore uploads;
    private final BaasConfig.Repository config;
    private final Clock clock = Clock.systemUTC();

    ChaincodeRepository(PlatformPackages platform, KubernetesClient client, BaasConfig config) {
        this.platform = platform;
        this.client = client;
        this.config = config.repository();
        this.limits = PackageLimits.DEFAULT.withMaxPackageBytes(this.config.maxPackageBytes());
        this.uploads = new Semaphore(this.config.concurrentUploads(), true);
    }

    /** The chaincodes the workspace sees: the platform's first, then its own by name. */
    public List<ChaincodePackageView> list(String workspace) {
        Map<String, List<PackageVersionView>> byName = new LinkedHashMap<>();
        platform.all().forEach(p -> byName.computeIfAbsent(p.view().name(), n -> new ArrayList<>()).add(p.view()));
        List<PackageVersionEntity> own = Db.read(() -> PackageVersionEntity.list("workspace = ?1 order by name, uploadedAt desc, id desc",
                workspace));
        own.forEach(e -> byName.computeIfAbsent(e.name, n -> new ArrayList<>()).add(PackageVersionView.of(e)));
        return byName.values().stream().map(ChaincodeRepository::summary).toList();
    }

    public ChaincodePackageView get(String workspace, String name) {
        List<PackageVersionView> versions = versions(workspace, name);
        if (versions.isEmpty()) {
            throw DomainException.notFound("Workspace " + workspace + " has no chaincode " + name + " in its repository.");
        }
        return summary(versions);
    }

    public PackageVersionView version(String workspace, String name, String version) {
        Optional<PlatformPackages.Platform> builtIn = platform.find(name, version);
        if (builtIn.isPresent()) {
            return builtIn.get().view();
        }
        return PackageVersionView.of(entity(workspace, name, version));
    }

    /** The package as uploaded ({@code .tar.gz}). */
    public byte[] packageBytes(String workspace, String name, String version) {
        Optional<PlatformPackages.Platform> builtIn = platform.find(name, version);
        if (builtIn.isPresent()) {
            return builtIn.get().packageBytes();
        }
        return content(entity(workspace, name, version)).packageBytes;
    }

    /** The version's jar; 404 when it names none or it is not uploaded. */
    public byte[] jar(String workspace, String name, String version) {
        Optional<PlatformPackages.Platform> builtIn = platform.find(name, version);
        if (builtIn.isPresent()) {
            return builtIn.get().jar();
        }
        PackageVersionEntity entity = entity(workspace, name, version);
        byte[] jar = entity.jarUploaded ? content(entity).jar : null;
        if (jar == null) {
            throw DomainException.notFound("Version " + version + " of chaincode " + name + " has no jar uploaded.");
        }
        return jar;
    }

    /**
     * Stores a new version, read from {@code body} up to the package limit, once it parses as a
     * CCaaS package the platform can run and its collection config holds; the report is attached.
     */
    public PackageVersionView upload(String workspace, String name, NewPackageVersion request, InputStream body, Caller caller) {
        if (platform.isPlatformName(name)) {
            throw DomainException.conflict("Chaincode " + name + " is a platform package; upload yours under another name.");
        }
        ChaincodeLanguage language = ChaincodeLanguage.of(request.language).orElseThrow();
        // Read and unpacked in turn: each upload holds its package and what it inflates to in memory.
        ParsedPackage parsed = withUploadTurn(() -> parse(BoundedBody.read(body, config.maxPackageBytes(), "chaincode package")));
        byte[] bytes = parsed.chaincodePackage().bytes().toByteArray();
        ReviewReport report = Reviews.report(parsed, language, Optional.empty());
        Optional<SandboxJar> jar = SandboxJar.find(parsed);
        PackageVersionEntity entity = new PackageVersionEntity();
        entity.workspace = workspace;
        entity.name = name;
        entity.version = request.version;
        entity.description = request.description == null ? "" : request.description;
        entity.language = language;
        entity.label = parsed.chaincodePackage().label();
        entity.packageId = parsed.chaincodePackage().packageId();
        entity.sha256 = hex(bytes);
        entity.sizeBytes = bytes.length;
        entity.serverImage = request.serverImage;
        entity.jarName = jar.map(SandboxJar::jar).orElse(null);
        entity.jarSha256 = jar.map(SandboxJar::sha256).orElse(null);
        entity.report = Reviews.write(report);
        entity.state = ReviewState.SUBMITTED;
        entity.uploadedBy = caller.username();
        entity.uploadedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        PackageContentEntity content = new PackageContentEntity();
        content.packageBytes = bytes;
        if (Db.read(() -> PackageVersionEntity.count(BY_VERSION, key(workspace, name, request.version))) > 0) {
            throw duplicate(name, request.version);
        }
        try {
            Db.inTransaction(() -> entity.persistAndFlush().chain(() -> {
                content.versionId = entity.id;
                return content.persist();
            }));
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw duplicate(name, request.version); // another upload of the version won the race
            }
            throw e;
        }
        LOG.infof("%s uploaded chaincode %s version %s (%s, %d bytes) to workspace %s.", caller.username(), name, request.version,
                entity.packageId, bytes.length, workspace);
        return PackageVersionView.of(entity);
    }

    /** Adds the jar the package's sandbox.json names (only its bytes fit), and scans it into the report; only before review. */
    public PackageVersionView uploadJar(String workspace, String name, String version, InputStream body, Caller caller) {
        PackageVersionEntity entity = entity(workspace, name, version);
        if (entity.jarName == null) {
            throw new DomainException(ErrorKind.INVALID, "NoJarNamed", "Version " + version + " of chaincode " + name
                    + " names no jar: its package has no sandbox.json with the jar's name and SHA-256.");
        }
        requireSubmitted(entity, "its jar cannot change");
        byte[] jar = withUploadTurn(() -> BoundedBody.read(body, config.maxPackageBytes(), "chaincode jar"));
        String sha256 = hex(jar);
        if (!sha256.equals(entity.jarSha256)) {
            throw new DomainException(ErrorKind.INVALID, "JarMismatch", "The jar's SHA-256 is " + sha256 + "; the package's sandbox.json names "
                    + entity.jarName + " with SHA-256 " + entity.jarSha256 + ".");
        }
        PackageContentEntity content = content(entity);
        ReviewReport report = withUploadTurn(() -> Reviews.report(parse(content.packageBytes), entity.language, Optional.of(jar)));
        int updated = Db.inTransaction(() -> PackageVersionEntity.update("jarUploaded = true, report = ?1 where id = ?2 and state = ?3",
                Reviews.write(report), entity.id, ReviewState.SUBMITTED).call(count -> count == 1
                ? PackageContentEntity.update("jar = ?1 where versionId = ?2", jar, entity.id) : Uni.createFrom().item(0)));
        if (updated != 1) {
            throw DomainException.conflict("Version " + version + " of chaincode " + name + " was reviewed meanwhile; its jar cannot change.");
        }
        LOG.infof("%s uploaded the jar of chaincode %s version %s in workspace %s.", caller.username(), name, version, workspace);
        return version(workspace, name, version);
    }

    /** A reviewer's decision, once per version; never the uploader's, never before the report is complete. */
    public PackageVersionView review(String workspace, String name, ReviewDecision decision, Caller caller) {
        if (platform.find(name, decision.version()).isPresent()) {
            throw DomainException.conflict("Chaincode " + name + " " + decision.version() + " is a platform package, approved already.");
        }
        PackageVersionEntity entity = entity(workspace, name, decision.version());
        requireSubmitted(entity, "it is decided");
        if (entity.uploadedBy.equals(caller.username())) {
            throw DomainException.forbidden("Version " + decision.version() + " of chaincode " + name + " was uploaded by "
                    + caller.username() + "; another reviewer decides on it.");
        }
        if (decision.approves() && !Reviews.read(entity.report).complete()) {
            throw new DomainException(ErrorKind.CONFLICT, "JarMissing", "Version " + decision.version() + " of chaincode " + name
                    + " cannot be approved before its jar " + entity.jarName + " is uploaded and scanned.");
        }
        String comment = decision.comment() == null ? "" : decision.comment().trim();
        if (!decision.approves() && comment.isEmpty()) {
            throw DomainException.invalid("A rejection says why.", List.of(new io.baas.error.FieldError("comment",
                    "is required to reject, so the uploader learns what to change")));
        }
        ReviewState state = decision.approves() ? ReviewState.APPROVED : ReviewState.REJECTED;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = Db.inTransaction(() -> PackageVersionEntity.update(
                "state = ?1, reviewedBy = ?2, reviewedAt = ?3, reviewComment = ?4 where id = ?5 and state = ?6",
                state, caller.username(), now, comment, entity.id, ReviewState.SUBMITTED));
        if (updated != 1) {
            throw DomainException.conflict("Version " + decision.version() + " of chaincode " + name + " was decided meanwhile.");
        }
        LOG.infof("%s %s chaincode %s version %s of workspace %s.", caller.username(), state.label().toLowerCase(java.util.Locale.ROOT),
                name, decision.version(), workspace);
        return version(workspace, name, decision.version());
    }

    /** Deletes a version no Chaincode resource uses; platform packages stay. */
    public void delete(String workspace, String name, String version, Caller caller) {
        if (platform.find(name, version).isPresent()) {
            throw DomainException.forbidden("Chaincode " + name + " " + version + " is a platform package; it cannot be deleted.");
        }
        PackageVersionEntity entity = entity(workspace, name, version);
        List<String> users = users(entity);
        if (!users.isEmpty()) {
            throw new DomainException(ErrorKind.CONFLICT, "InUse", "Version " + version + " of chaincode " + name + " is deployed as "
                    + String.join(", ", users) + "; delete those first.");
        }
        Db.inTransaction(() -> PackageVersionEntity.delete("id", entity.id));
        LOG.infof("%s deleted chaincode %s version %s from workspace %s.", caller.username(), name, version, workspace);
    }

    /** The approved version, for deployment: empty when it does not exist or is not approved. */
    public Optional<ApprovedPackage> approved(Optional<String> workspace, String name, String version) {
        if (workspace.isEmpty()) {
            return platform.find(name, version).map(p -> new ApprovedPackage(p.view(), p.packageBytes(), Optional.of(p.jar())));
        }
        PackageVersionEntity entity = Db.read(() -> PackageVersionEntity.<PackageVersionEntity>find(BY_VERSION,
                key(workspace.get(), name, version)).firstResult());
        if (entity == null || entity.state != ReviewState.APPROVED) {
            return Optional.empty();
        }
        PackageContentEntity content = content(entity);
        return Optional.of(new ApprovedPackage(PackageVersionView.of(entity), content.packageBytes,
                Optional.ofNullable(content.jar)));
    }

    /**
     * A version to deploy, without its bytes: a platform package (no workspace) or one of the
     * workspace's; 404 when there is none, 409 NotApproved when it is not approved.
     */
    public PackageVersionView deployable(Optional<String> workspace, String name, String version) {
        if (workspace.isEmpty()) {
            return platform.find(name, version).map(PlatformPackages.Platform::view).orElseThrow(() -> DomainException.notFound(
                    "The platform has no package " + name + " " + version + "; give the workspace of a repository package."));
        }
        PackageVersionView view = version(workspace.get(), name, version);
        if (!ReviewState.APPROVED.label().equals(view.state())) {
            throw new DomainException(ErrorKind.CONFLICT, "NotApproved", "Version " + version + " of chaincode " + name + " is "
                    + view.state() + "; only approved versions deploy.");
        }
        return view;
    }

    /** The approved version without its bytes: empty when it does not exist or is not approved. */
    public Optional<PackageVersionView> approvedVersion(String workspace, String name, String version) {
        PackageVersionEntity entity = Db.read(() -> PackageVersionEntity.<PackageVersionEntity>find(BY_VERSION,
                key(workspace, name, version)).firstResult());
        return entity == null || entity.state != ReviewState.APPROVED ? Optional.empty() : Optional.of(PackageVersionView.of(entity));
    }

    /** An approved version with its bytes. */
    public record ApprovedPackage(PackageVersionView view, byte[] packageBytes, Optional<byte[]> jar) {
    }

    private List<PackageVersionView> versions(String workspace, String name) {
        List<PackageVersionView> versions = new ArrayList<>();
        platform.all().stream().filter(p -> p.view().name().equals(name)).forEach(p -> versions.add(p.view()));
        Db.read(() -> PackageVersionEntity.<PackageVersionEntity>list("workspace = ?1 and name = ?2 order by uploadedAt desc, id desc",
                workspace, name)).forEach(e -> versions.add(PackageVersionView.of(e)));
        return versions;
    }

    private static ChaincodePackageView summary(List<PackageVersionView> versions) {
        PackageVersionView latest = versions.get(0);
        return new ChaincodePackageView(latest.name(), latest.platform(), latest.description(), latest.language(),
                versions.get(versions.size() - 1).uploadTime(), versions.stream().map(ChaincodePackageView.VersionSummary::of).toList());
    }

    private PackageVersionEntity entity(String workspace, String name, String version) {
        PackageVersionEntity entity = Db.read(() -> PackageVersionEntity.<PackageVersionEntity>find(BY_VERSION,
                key(workspace, name, version)).firstResult());
        if (entity == null) {
            throw DomainException.notFound("Workspace " + workspace + " has no version " + version + " of chaincode " + name + ".");
        }
        return entity;
    }

    private static PackageContentEntity content(PackageVersionEntity entity) {
        PackageContentEntity content = Db.read(() -> PackageContentEntity.<PackageContentEntity>findById(entity.id));
        if (content == null) {
            throw DomainException.notFound("Version " + entity.version + " of chaincode " + entity.name + " was deleted meanwhile.");
        }
        return content;
    }

    private static void requireSubmitted(PackageVersionEntity entity, String what) {
        if (entity.state != ReviewState.SUBMITTED) {
            throw DomainException.conflict("Version " + entity.version + " of chaincode " + entity.name + " is " + entity.state.label()
                    + " already; " + what + " only while it is Submitted.");
        }
    }

    /** Chaincode resources that deploy this version (by reference or by its package ID), as namespace/name. */
    private List<String> users(PackageVersionEntity entity) {
        return client.resources(Chaincode.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().packageRef != null)
                .filter(c -> entity.workspace.equals(c.getSpec().packageRef.workspace) && entity.name.equals(c.getSpec().packageRef.name)
                        && entity.version.equals(c.getSpec().packageRef.version)
                        || c.getStatus() != null && entity.packageId.equals(c.getStatus().packageId)
                        && entity.workspace.equals(c.getSpec().packageRef.workspace))
                .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())
                .toList();
    }

    private ParsedPackage parse(byte[] bytes) {
        try {
            return ChaincodePackageParser.parseCcaas(bytes, limits);
        } catch (ChaincodePackageException e) {
            throw new DomainException(ErrorKind.INVALID, CamelCase.of(e.reason()), "The chaincode package is refused: " + e.getMessage() + ".");
        }
    }

    private <T> T withUploadTurn(java.util.function.Supplier<T> read) {
        boolean turn;
        try {
            turn = uploads.tryAcquire(config.uploadWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "UploadsBusy", "Other uploads are being read; try again shortly.");
        }
        try {
            return read.get();
        } finally {
            uploads.release();
        }
    }

    private static Parameters key(String workspace, String name, String version) {
        return Parameters.with("workspace", workspace).and("name", name).and("version", version);
    }

    private static DomainException duplicate(String name, String version) {
        return DomainException.conflict("Version " + version + " of chaincode " + name + " exists already; versions are never replaced.");
    }

    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException violation
                    && (violation.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE
                    || String.valueOf(violation.getMessage()).contains("(23505)"))) {
                return true;
            }
        }
        return false;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest(bytes).toByteArray());
    }
}
