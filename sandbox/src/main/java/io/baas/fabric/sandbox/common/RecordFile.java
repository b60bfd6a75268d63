package io.baas.fabric.sandbox.common;

import io.baas.fabric.sandbox.SandboxException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of records, each a 4-byte big-endian length and its bytes, forced to disk
 * before the record counts as written; reading stops at a record cut short by a crash (or one the
 * reader refuses), and opening for appending cuts the file there.
 */
public final class RecordFile implements AutoCloseable {

    /** Whole records from the start of a file, and where each ends. */
    public record Contents(List<byte[]> records, List<Long> ends) {

        /** The length of the first {@code count} records. */
        public long lengthOf(int count) {
            return count == 0 ? 0 : ends.get(count - 1);
        }
    }

    private final Path path;
    private final FileChannel channel;

    private RecordFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static Contents read(Path path, int maxRecordBytes) {
        List<byte[]> records = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        if (!Files.exists(path)) {
            return new Contents(records, ends);
        }
        long end = 0;
        try (InputStream file = Files.newInputStream(path); DataInputStream in = new DataInputStream(file)) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException finished) {
                    break;
                }
                if (length < 0 || length > maxRecordBytes) {
                    break;
                }
                byte[] bytes = new byte[length];
                try {
                    in.readFully(bytes);
                } catch (EOFException torn) {
                    break;
                }
                end += 4 + length;
                records.add(bytes);
                ends.add(end);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return new Contents(records, ends);
    }

    /** Opens the file for appending after its first {@code validLength} bytes; what follows is cut off. */
    public static RecordFile open(Path path, long validLength) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.truncate(validLength);
            channel.position(validLength);
            return new RecordFile(path, channel);
        } catch (IOException e) {
            throw new SandboxException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends a record, forced to disk; returns where it starts (for {@link #readAt}). */
    public synchronized long append(byte[] bytes) {
        ByteBuffer record = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
        try {
            long start = channel.position();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(false);
            return start;
        } catch (IOException e) {
            throw new SandboxException("cannot write to " + path + ": " + e.getMessage(), e);
        }
    }

    /** The record that starts at {@code offset} (one {@link #append} returned, or a start {@link Contents} implies). */
    public byte[] readAt(long offset) {
        try {
            ByteBuffer length = ByteBuffer.allocate(4);
            readFully(length, offset);
            ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
            readFully(bytes, offset + 4);
            return bytes.array();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + path + " at " + offset + ": " + e.getMessage(), e);
        }
    }

    /** Positional reads: they leave the appending position alone, so they need no lock. */
    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the record ends early");
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort: every record was forced already
        }
    }
}
