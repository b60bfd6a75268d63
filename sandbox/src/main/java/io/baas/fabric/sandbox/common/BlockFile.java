package io.baas.fabric.sandbox.common;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's blocks on disk, the source of truth a node rebuilds everything else from (as Fabric's
 * block files are): each block a {@link RecordFile} record, forced to disk before the block counts
 * as written. A record cut short by a crash, or a block out of sequence, ends the file when it is read.
 */
public final class BlockFile implements AutoCloseable {

    private static final int MAX_BLOCK_BYTES = 128 * 1024 * 1024;
    private static final String BLOCKS = "blocks";

    private final RecordFile file;
    private final Path path;
    /** Where each block in the file starts, by number. */
    private long[] starts;
    private int count;

    private BlockFile(Path path, RecordFile file, List<Long> held) {
        this.path = path;
        this.file = file;
        this.starts = new long[Math.max(16, held.size() * 2)];
        held.forEach(start -> starts[count++] = start);
    }

    /** Opens the file for appending, after cutting off a torn last record; the blocks it holds are {@link #read}'s. */
    public static BlockFile open(Path path) {
        Contents contents = read(path);
        return new BlockFile(path, RecordFile.open(path, contents.validLength()), contents.starts());
    }

    /** The blocks in a file, where each starts, and the length of its whole records. */
    public record Contents(List<Block> blocks, List<Long> starts, long validLength) {
    }

    public static Contents read(Path path) {
        RecordFile.Contents records = RecordFile.read(path, MAX_BLOCK_BYTES);
        List<Block> blocks = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (byte[] bytes : records.records()) {
            try {
                Block block = Block.parseFrom(bytes);
                if (block.getHeader().getNumber() != blocks.size()) {
                    break;
                }
                starts.add(records.lengthOf(blocks.size()));
                blocks.add(block);
            } catch (InvalidProtocolBufferException e) {
                throw new SandboxException("cannot read block file " + path + ": block " + blocks.size() + " is unreadable: " + e.getMessage(), e);
            }
        }
        return new Contents(blocks, starts, records.lengthOf(blocks.size()));
    }

    /** How many blocks the file holds. */
    public synchronized int blocks() {
        return count;
    }

    /** Block {@code number}, read back from the file. */
    public Block block(long number) {
        long start;
        synchronized (this) {
            if (number < 0 || number >= count) {
                throw new IllegalArgumentException("block " + number + " is not in " + path + " (" + count + " blocks)");
            }
            start = starts[(int) number];
        }
        try {
            return Block.parseFrom(file.readAt(start));
        } catch (InvalidProtocolBufferException e) {
            throw new SandboxException("cannot read block file " + path + ": block " + number + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** A channel's block file and the blocks it holds. */
    public record Stored(Path path, List<Block> blocks) {
    }

    /** The channels kept under a directory, {@code <dir>/<channel>/blocks}, those with blocks, in name order. */
    public static List<Stored> channels(Path directory) {
        List<Stored> stored = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return stored;
        }
        try (var entries = Files.list(directory)) {
            for (Path channel : entries.sorted().toList()) {
                Path path = channel.resolve(BLOCKS);
                List<Block> blocks = read(path).blocks();
                if (!blocks.isEmpty()) {
                    stored.add(new Stored(path, blocks));
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read the channels in " + directory + ": " + e.getMessage(), e);
        }
        return stored;
    }

    /** Where a channel's blocks are kept under a directory of channels. */
    public static Path of(Path directory, String channelId) {
        return directory.resolve(channelId).resolve(BLOCKS);
    }

    public Path path() {
        return path;
    }

    /** Appends the block, forced to disk. */
    public synchronized void append(Block block) {
        long start = file.append(block.toByteArray());
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = start;
    }

    @Override
    public void close() {
        file.close();
    }
}
