package io.baas.runtime.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The host runtime's claim on its data directory: one service at a time supervises the nodes of a
 * directory. A second replica (or a second service on the same folder) would start and restart
 * the same nodes twice, so it is refused at start with the reason. An OS file lock: it ends with the
 * process that held it, so a crashed service never leaves the folder claimed.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock claim(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(".service.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another ks-baas service runs the host runtime on " + dataDir
                        + ": the host runtime supervises its nodes from one service replica only (docs/host-runtime.md)");
            }
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot claim the host runtime's data directory " + dataDir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock ends with the channel or the process anyway
        }
    }
}
