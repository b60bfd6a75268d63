package io.baas.runtime.host;

import io.baas.error.DomainException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system user chaincode servers run as when one is configured ({@code baas.host.chaincode-user}):
 * anyone's uploaded code then runs apart from the service's user, who owns every node's keys. The
 * service hands the server's folder (its jar and TLS key) to that user and starts the server through
 * {@code setpriv}, which becomes the user and then runs the server itself (no parent left between).
 * Both need root: a service that is not root is told so at the first server it starts.
 */
record ChaincodeUser(String name, String group, UserPrincipal user, GroupPrincipal groupPrincipal) {

    /** @throws IllegalStateException when the system has no such user */
    static ChaincodeUser of(String name) {
        String group = primaryGroup(name);
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return new ChaincodeUser(name, group, lookup.lookupPrincipalByName(name), lookup.lookupPrincipalByGroupName(group));
        } catch (IOException e) {
            throw new IllegalStateException("baas.host.chaincode-user " + name + " is not a user of this system: " + e.getMessage(), e);
        }
    }

    private static String primaryGroup(String name) {
        try {
            Process id = new ProcessBuilder("id", "-gn", "--", name).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException("baas.host.chaincode-user " + name + " is not a user of this system (id: " + out + ")");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up baas.host.chaincode-user " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up baas.host.chaincode-user " + name, e);
        }
    }

    /** The command that starts {@code command} as this user, with only that user's own group. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + group, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Gives the server's folder and the files it reads to this user (still owner-only), and lets it
     * pass through the folders above (execute only: it cannot list them, nor enter another node's).
     */
    void handOver(Path dataDir, Path serverFolder, List<Path> files) {
        try {
            for (Path above : List.of(dataDir, serverFolder.getParent())) {
                Files.setPosixFilePermissions(above, PosixFilePermissions.fromString("rwx--x--x"));
            }
            List<Path> owned = new ArrayList<>(List.of(serverFolder));
            for (Path file : files) {
                for (Path folder = file.getParent(); folder != null && !folder.equals(serverFolder); folder = folder.getParent()) {
                    owned.add(folder);
                }
                owned.add(file);
            }
            for (Path path : owned) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (!user.equals(view.getOwner())) {
                    view.setOwner(user);
                }
                view.setGroup(groupPrincipal);
            }
        } catch (IOException e) {
            throw DomainException.conflict("The host runtime cannot hand the chaincode server's folder " + serverFolder + " to user " + name
                    + " (" + e.getMessage() + "): starting chaincode servers as another user needs the service to run as root.");
        }
    }
}
