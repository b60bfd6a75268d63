package io.baas.chaincode.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.chaincode.PrivateDataCollections;
import io.baas.chaincode.review.Finding;
import io.baas.chaincode.review.JarScanner;
import io.baas.crd.Chaincode;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.fabric.chaincode.CouchDbIndexes;
import io.baas.fabric.chaincode.ParsedPackage;
import io.baas.fabric.chaincode.SandboxJar;
import io.baas.fabric.chaincode.TarEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Writes the automatic review report of a version: pure, from its parsed package and its jar when there is one. */
final class Reviews {

    /** Where a package's code archive keeps its collection config, as fabric-samples name it. */
    static final Set<String> COLLECTION_CONFIG_FILES = Set.of("collections_config.json", "./collections_config.json",
            "META-INF/collections_config.json", "./META-INF/collections_config.json");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ObjectMapper STORED = new ObjectMapper().findAndRegisterModules();

    private Reviews() {
    }

    /**
     * The report of a package and its jar (empty until uploaded).
     *
     * @throws DomainException 400 InvalidCollections for a collection config Fabric's lifecycle would refuse;
     *                         400 InvalidJar for a jar that is not one
     */
    static ReviewReport report(ParsedPackage parsed, ChaincodeLanguage language, Optional<byte[]> jar) {
        List<ReviewReport.Index> indexes = CouchDbIndexes.of(parsed.codeEntries()).stream().map(ReviewReport.Index::of).toList();
        List<Chaincode.PrivateDataCollection> collections = collections(parsed.codeEntries());
        List<String> notes = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        collections.forEach(c -> declared.add(c.name));
        indexes.stream().map(ReviewReport.Index::collection).filter(c -> c != null && !declared.contains(c)).distinct()
                .forEach(c -> notes.add("The package has CouchDB indexes for collection " + c + ", which its collection config does not"
                        + " declare: the peer creates them only if the deployed definition has the collection."));
        Optional<SandboxJar> named = SandboxJar.find(parsed);
        ReviewReport.JarSummary summary = null;
        List<Finding> findings = List.of();
        if (jar.isPresent()) {
            JarScanner.Report scan;
            try {
                scan = JarScanner.scan(jar.get());
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorKind.INVALID, "InvalidJar", "The chaincode jar cannot be scanned: " + e.getMessage() + ".");
            }
            summary = ReviewReport.JarSummary.of(named.map(SandboxJar::jar).orElse("chaincode.jar"),
                    SandboxJar.of("chaincode.jar", jar.get()).sha256(), scan);
            findings = scan.findings();
        } else if (named.isPresent()) {
            notes.add("The package's sandbox.json names the jar " + named.get().jar() + ", which is not uploaded yet: the version cannot be"
                    + " approved before its jar is scanned.");
        } else if (language == ChaincodeLanguage.JAVA) {
            notes.add("No jar: the package names none (sandbox.json), so it runs only as its server image on Kubernetes and its code is not scanned.");
        }
        boolean complete = named.isEmpty() || jar.isPresent();
        return new ReviewReport(complete, summary(complete, summary, findings, indexes, collections), summary, findings, indexes,
                collections, notes);
    }

    private static String summary(boolean complete, ReviewReport.JarSummary jar, List<Finding> findings, List<ReviewReport.Index> indexes,
                                  List<Chaincode.PrivateDataCollection> collections) {
        long high = findings.stream().filter(f -> f.severity() == Finding.Severity.HIGH).count();
        String code = jar == null ? (complete ? "no jar scanned" : "the jar is not uploaded yet")
                : findings.size() + " findings (" + high + " high, " + (findings.size() - high) + " medium) in "
                + jar.classesScanned() + " classes of the chaincode's own";
        return code + "; " + indexes.size() + " CouchDB indexes; " + collections.size() + " private data collections.";
    }

    /** The collection config in the code archive, checked as Fabric's lifecycle checks a definition's collections. */
    private static List<Chaincode.PrivateDataCollection> collections(List<TarEntry> codeEntries) {
        Optional<TarEntry> file = codeEntries.stream().filter(e -> !e.directory() && COLLECTION_CONFIG_FILES.contains(e.name())).findFirst();
        if (file.isEmpty()) {
            return List.of();
        }
        List<Chaincode.PrivateDataCollection> collections;
        try {
            collections = JSON.readValue(file.get().content().toByteArray(), new TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw invalidCollections(file.get().name() + " is not a JSON array of collections: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (collections == null) {
            throw invalidCollections(file.get().name() + " is not a JSON array of collections");
        }
        try {
            PrivateDataCollections.toPackage(collections);
        } catch (PrivateDataCollections.InvalidCollectionException e) {
            throw invalidCollections(file.get().name() + ": " + e.getMessage());
        }
        return collections;
    }

    private static DomainException invalidCollections(String message) {
        return new DomainException(ErrorKind.INVALID, "InvalidCollections", "The package's collection config is refused: " + message + ".");
    }

    static String write(ReviewReport report) {
        try {
            return STORED.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReviewReport read(String json) {
        try {
            return STORED.readValue(json, ReviewReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored review report does not read: " + e.getMessage(), e);
        }
    }
}
