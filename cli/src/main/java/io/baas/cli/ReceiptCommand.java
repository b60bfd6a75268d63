package io.baas.cli;

import io.baas.fabric.receipt.EvidenceReceipt;
import io.baas.fabric.receipt.ReceiptCheck;
import io.baas.fabric.receipt.ReceiptException;
import io.baas.fabric.receipt.ReceiptVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Notarization receipts, checked offline: no service, no peer, nothing to trust but the receipt's channel config. */
@Command(name = "receipt", description = "Notarization receipts.", subcommands = {ReceiptCommand.Verify.class})
final class ReceiptCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a receipt: the document's digest, the transaction and its endorsements, the ordering service's"
                    + " signatures and the transaction's inclusion; one line per check; exit 0 when none fails.")
    static final class Verify extends ToolCommand {
        @Option(names = "--receipt", required = true, paramLabel = "FILE", description = "the receipt (JSON)")
        Path receipt;

        @Option(names = "--file", paramLabel = "FILE", description = "the notarized document, whose digest is checked")
        Path file;

        @Option(names = "--block", paramLabel = "FILE", description = "the block (protobuf, e.g. from block fetch --out) fetched from a"
                + " peer you trust, to check inclusion against")
        Path block;

        @Override
        public Integer call() {
            EvidenceReceipt parsed;
            try {
                parsed = EvidenceReceipt.fromJson(CliFiles.readBytes("--receipt", receipt));
            } catch (ReceiptException e) {
                throw new CliInputException("--receipt " + receipt + ": " + e.getMessage(), e);
            }
            List<ReceiptCheck> checks = ReceiptVerifier.verify(parsed,
                    Optional.ofNullable(file).map(path -> CliFiles.readBytes("--file", path)),
                    Optional.ofNullable(block).map(path -> CliFiles.block("--block", path)));
            for (ReceiptCheck check : checks) {
                out().println(check.outcome().name().toLowerCase(Locale.ROOT) + " " + check.name() + ": " + check.detail());
            }
            return ReceiptVerifier.holds(checks) ? 0 : FabricCli.FAILED;
        }
    }
}
