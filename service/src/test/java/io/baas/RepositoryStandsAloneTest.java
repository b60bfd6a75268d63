package io.baas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone of the repository must build and test on its own. CI checks out with the project's
 * shared folder beside it, so a file that reaches out there would still pass there; only this
 * check keeps the repository self-contained. The needles are assembled at run time so this file
 * does not match itself.
 */
class RepositoryStandsAloneTest {

    /** The repository root: the service module's parent (surefire runs in the module). */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static final List<String> NEEDLES = List.of(".." + "/" + "shared", "shared" + "/" + "fixtures");

    /** Folders that hold build output or tools, never sources, when git cannot list the files. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", "node_modules", ".idea", ".vscode");

    @Test
    void noFileOfTheRepositoryReachesOutsideIt() {
        assertThat(REPOSITORY.resolve("pom.xml")).as("repository root").exists();
        List<String> files = repositoryFiles(REPOSITORY);
        assertThat(files).as("files of " + REPOSITORY).contains("README.md", "pom.xml");
        assertThat(mentions(REPOSITORY, files))
                .as("files that point outside the repository; use testdata/ and docs/architecture.md instead")
                .isEmpty();
    }

    @Test
    void aFileThatPointsAtTheSharedFolderIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("clean.md"), "see docs/architecture.md\n");
        Files.writeString(dir.resolve("design.md"), "intro\nThe design is in `.." + "/" + "shared/DESIGN.md`.\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Walker.java"), "Path.of(\"shared" + "/" + "fixtures/fabric-2.5.5\")\n");

        assertThat(mentions(dir, List.of("clean.md", "design.md", "src/Walker.java")))
                .containsExactly("design.md:2", "src/Walker.java:1");
    }

    @Test
    void withoutGitEveryFileOutsideBuildOutputIsListed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("service/target"));
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("service/target/stale.txt"), "x");
        Files.writeString(dir.resolve("docs/a.md"), "x");

        assertThat(walk(dir)).containsExactly("docs/a.md");
    }

    /** {@code file:line} of each line that mentions a needle; files listed but absent are skipped. */
    static List<String> mentions(Path root, List<String> files) {
        List<String> found = new ArrayList<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            String[] lines = read(path).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (NEEDLES.stream().anyMatch(line::contains)) {
                    found.add(file + ":" + (i + 1));
                }
            }
        }
        return found;
    }

    /** The files git tracks, plus new ones it does not ignore; a walk of the tree when git is not there. */
    static List<String> repositoryFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = git.getInputStream()) {
                out = in.readAllBytes();
            }
            if (git.waitFor() == 0) {
                return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0")).filter(s -> !s.isEmpty()).toList();
            }
        } catch (IOException e) {
            // no git on this machine: fall through to the walk
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return walk(root);
    }

    static List<String> walk(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(relative -> {
                        for (Path part : relative) {
                            if (SKIPPED_FOLDERS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(relative -> relative.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            // ISO-8859-1 maps every byte to one char: binary files cannot fail decoding, ASCII needles still match.
            return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
