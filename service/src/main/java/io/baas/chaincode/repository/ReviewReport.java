package io.baas.chaincode.repository;

import io.baas.chaincode.review.Finding;
import io.baas.chaincode.review.JarScanner;
import io.baas.crd.Chaincode;
import io.baas.fabric.chaincode.CouchDbIndexes;
import java.util.List;
import java.util.Map;

/**
 * What the platform found in a version before anyone reviews it (合约审计): the jar's bytecode
 * findings (each with severity, class and method), the CouchDB indexes the package declares (the
 * peer creates them itself), the private data collections its collection config declares, and
 * notes for the reviewer. {@code complete} is false while a jar the package names has not been
 * uploaded: such a version cannot be approved.
 *
 * @param jar the scanned jar, or null when none is uploaded
 */
public record ReviewReport(boolean complete, String summary, JarSummary jar, List<Finding> findings, List<Index> couchDbIndexes,
                           List<Chaincode.PrivateDataCollection> collections, List<String> notes) {

    public ReviewReport {
        findings = List.copyOf(findings);
        couchDbIndexes = List.copyOf(couchDbIndexes);
        collections = List.copyOf(collections);
        notes = List.copyOf(notes);
    }

    /** The jar as scanned: its name and hash, its own classes read, the library packages skipped with their class counts. */
    public record JarSummary(String name, String sha256, int classesScanned, Map<String, Integer> librariesSkipped) {

        static JarSummary of(String name, String sha256, JarScanner.Report scan) {
            return new JarSummary(name, sha256, scan.classesScanned(), scan.librariesSkipped());
        }
    }

    /** A declared CouchDB index: for the channel's state ({@code collection} null) or for a collection. */
    public record Index(String path, String collection, String name, List<String> fields) {

        static Index of(CouchDbIndexes.Index index) {
            return new Index(index.path(), index.collection().orElse(null), index.name(), index.fields());
        }
    }
}
