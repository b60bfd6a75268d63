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
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's blocks on disk, the source of truth a node rebuilds everything else from (as Fabric's
 * block files are): each block a 4-byte big-endian length and the block's bytes, forced to disk
 * before the block counts as written. A record cut short by a crash is dropped when the file is read.
 */
public final class BlockFile implements AutoCloseable {

    private static final int MAX_BLOCK_BYTES = 128 * 1024 * 1024;
    private static final String BLOCKS = "blocks";

    private final Path path;
    private final FileChannel channel;

    private BlockFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens the file for appending, after cutting off a torn last record; the blocks it holds are {@link #read}'s. */
    public static BlockFile open(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            long valid = read(path).validLength();
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(valid);
            channel.position(valid);
            return new BlockFile(path, channel);
        } catch (IOException e) {
            throw new SandboxException("cannot open block file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The blocks in a file and the length of its whole records. */
    public record Contents(List<Block> blocks, long validLength) {
    }

    public static Contents read(Path path) {
        List<Block> blocks = new ArrayList<>();
        long valid = 0;
        if (!Files.exists(path)) {
            return new Contents(blocks, 0);
        }
        try (InputStream file = Files.newInputStream(path); DataInputStream in = new DataInputStream(file)) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                if (length < 0 || length > MAX_BLOCK_BYTES) {
                    break;
                }
                byte[] bytes = new byte[length];
                try {
                    in.readFully(bytes);
                } catch (EOFException torn) {
                    break;
                }
                Block block = Block.parseFrom(bytes);
                if (block.getHeader().getNumber() != blocks.size()) {
                    break;
                }
                blocks.add(block);
                valid += 4 + length;
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read block file " + path + ": " + e.getMessage(), e);
        }
        return new Contents(blocks, valid);
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

    public synchronized void append(Block block) {
        byte[] bytes = block.toByteArray();
        ByteBuffer record = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new SandboxException("cannot write block " + block.getHeader().getNumber() + " to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort: every block was forced already
        }
    }
}
