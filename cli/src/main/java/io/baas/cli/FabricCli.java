package io.baas.cli;

import io.baas.fabric.FabricDataException;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.pki.PkiException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ks-baas-fabric}: the operations ks-baas runs on Fabric networks, for operators of any
 * Fabric 2.5 network, from MSP folders and endpoints. No database, no cluster: the same library
 * code the service uses, on files. See docs/cli.md.
 */
@Command(name = "ks-baas-fabric", mixinStandardHelpOptions = true, version = "ks-baas-fabric 0.1.0",
        description = "Fabric 2.5 network operations with the ks-baas library: MSPs, channels, joins, chaincode packages, blocks.",
        subcommands = {OrgCommand.class, ChannelCommand.class, OrdererCommand.class, PeerCommand.class,
                ChaincodeCommand.class, LifecycleCommand.class, TxCommand.class, BlockCommand.class, ReceiptCommand.class,
                SandboxCommand.class})
public final class FabricCli {

    /** Exit code of a refused or failed Fabric operation (the node's message goes to stderr). */
    public static final int FAILED = 1;
    /** Exit code of a command line or input file that cannot be used. */
    public static final int USAGE = 2;
    /** Exit code of a config update that is valid but not yet signed by enough organizations. */
    public static final int INCOMPLETE = 3;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; what it prints goes to {@code out}, errors to {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command = new CommandLine(new FabricCli());
        command.setOut(out);
        command.setErr(err);
        command.registerConverter(java.time.Duration.class, CliDurations::parse);
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof io.baas.fabric.gateway.FabricGatewayException gatewayFailure) {
                printGatewayFailure(line.getCommandName(), gatewayFailure, line.getErr());
                return FAILED;
            }
            line.getErr().println(line.getCommandName() + ": " + message(e));
            if (e instanceof io.baas.fabric.admin.MissingSignaturesException) {
                return INCOMPLETE;
            }
            return e instanceof CliInputException || e instanceof PkiException || e instanceof FabricDataException
                    || e instanceof IllegalArgumentException ? USAGE : FAILED;
        });
        int code = command.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A chaincode's refusal once, with its code, then the peers that said it; any other Gateway
     * failure as its message and kind.
     */
    private static void printGatewayFailure(String command, io.baas.fabric.gateway.FabricGatewayException failure, PrintWriter err) {
        var chaincodeError = failure.chaincodeError();
        if (chaincodeError.isPresent()) {
            err.println(command + ": chaincode error " + chaincodeError.get());
            failure.peers().forEach(peer -> err.println("  from " + peer.address() + " (" + peer.mspId() + ")"
                    + peer.chaincodeError().filter(said -> !said.equals(chaincodeError.get())).map(said -> ": " + said).orElse("")));
            failure.transactionId().ifPresent(txId -> err.println("  transaction " + txId + " (not committed)"));
            return;
        }
        err.println(command + ": " + message(failure));
        err.println("  " + failure.kind() + failure.validationCode().map(code -> " " + code).orElse(""));
    }

    private static String message(Exception e) {
        if (e instanceof FabricAdminException admin) {
            return admin.reason() + ": " + admin.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
