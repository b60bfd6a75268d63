package io.baas.cli;

import io.baas.fabric.block.BlockDecoder;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Blocks: decoded to JSON with the data layer the explorer uses. */
@Command(name = "block", description = "Blocks.", subcommands = {BlockCommand.Decode.class, BlockCommand.Fetch.class})
final class BlockCommand {

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a committed block from a peer through qscc (by number, or the one holding a transaction); writes it, or prints it as JSON.")
    static final class Fetch extends ToolCommand {
        @picocli.CommandLine.Mixin
        PeerCommand.PeerEndpoint endpoint;

        @Option(names = "--channel", required = true)
        String channel;

        @Option(names = "--number", description = "the block number")
        Long number;

        @Option(names = "--tx-id", description = "the block holding this transaction")
        String txId;

        @Option(names = "--out", paramLabel = "FILE", description = "write the block (protobuf) here instead of printing its JSON")
        Path out;

        @Override
        public Integer call() {
            if ((number == null) == (txId == null)) {
                throw new CliInputException("give exactly one of --number and --tx-id");
            }
            org.hyperledger.fabric.protos.common.Block block;
            try (var client = endpoint.client()) {
                block = number != null ? client.block(endpoint.msp.signer(), channel, number)
                        : client.blockByTxId(endpoint.msp.signer(), channel, txId);
            }
            if (out != null) {
                CliFiles.write(out, block.toByteArray());
            } else {
                out().println(BlockJson.write(BlockDecoder.decode(block)));
            }
            return 0;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode a block file (as fetched by peer channel fetch or this tool) to JSON.")
    static final class Decode extends ToolCommand {

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the block (protobuf bytes)")
        Path file;

        @Option(names = "--out", paramLabel = "FILE", description = "write the JSON here instead of printing it")
        Path out;

        @Override
        public Integer call() {
            String json = BlockJson.write(BlockDecoder.decode(CliFiles.readBytes("--file", file)));
            if (out == null) {
                out().println(json);
            } else {
                CliFiles.write(out, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
