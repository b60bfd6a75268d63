package io.baas.cli;

import io.baas.fabric.configtx.GenesisBlocks;
import java.nio.file.Path;
import java.time.Clock;
import org.hyperledger.fabric.protos.common.Block;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Channels: their genesis blocks. */
@Command(name = "channel", description = "Channel configuration.", subcommands = {ChannelCommand.Genesis.class, ConfigUpdateCommand.class})
final class ChannelCommand {

    @Command(name = "genesis", mixinStandardHelpOptions = true,
            description = "Build a channel's genesis block from a channel description file (as configtxgen -outputBlock).")
    static final class Genesis extends ToolCommand {

        @Option(names = "--config", required = true, paramLabel = "YAML", description = "channel description file")
        Path config;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the block")
        Path out;

        @Override
        public Integer call() {
            ChannelFile file = ChannelFile.read("--config", config);
            Path base = config.toAbsolutePath().getParent();
            Block genesis = GenesisBlocks.create(described(file, base), Clock.systemUTC());
            CliFiles.write(out, genesis.toByteArray());
            out().printf("genesis block of %s: %s (%d bytes)%n", file.channel(), out, genesis.getSerializedSize());
            return 0;
        }

        /** A mistake inside the file is said with the file's name, as the operator wrote it. */
        private io.baas.fabric.configtx.ChannelDescription described(ChannelFile file, Path base) {
            try {
                return file.describe(base);
            } catch (CliInputException e) {
                throw new CliInputException("--config " + config + ": " + e.getMessage(), e);
            }
        }
    }
}
