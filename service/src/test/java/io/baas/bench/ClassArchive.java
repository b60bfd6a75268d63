package io.baas.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The class archive a training start writes for the JVM running this code, as
 * {@code src/main/docker/train-class-archive.sh} chooses it: an AOT cache on JDK 25 and later (the
 * image's), a dynamic AppCDS archive before.
 */
public record ClassArchive(String fileName, String recordOption, String useOption, String strictOption) {

    public static ClassArchive forThisJvm() {
        return Runtime.version().feature() >= 25
                ? new ClassArchive("app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=", "-XX:AOTMode=on")
                : new ClassArchive("app-cds.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "-Xshare:on");
    }

    /** The option a training start writes the archive with. */
    public String record(Path archive) {
        return recordOption + archive;
    }

    /** The option a start uses the archive with. */
    public String use(Path archive) {
        return useOption + archive;
    }

    /** The options of a start that refuses to run rather than run without the archive. */
    public List<String> useOrRefuse(Path archive) {
        return List.of(strictOption, use(archive));
    }
}
