package io.baas.cli;

import io.baas.fabric.block.BlockDecoder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Blocks: decoded to JSON with the data layer the explorer uses. */
@Command(name = "block", description = "Blocks.", subcommands = BlockCommand.Decode.class)
final class BlockCommand {

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode a block file (as fetched by peer channel fetch or this tool) to JSON.")
    static final class Decode implements Callable<Integer> {

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the block (protobuf bytes)")
        Path file;

        @Option(names = "--out", paramLabel = "FILE", description = "write the JSON here instead of printing it")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String json = BlockJson.write(BlockDecoder.decode(CliFiles.readBytes(file)));
            if (out == null) {
                spec.commandLine().getOut().println(json);
            } else {
                CliFiles.write(out, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
