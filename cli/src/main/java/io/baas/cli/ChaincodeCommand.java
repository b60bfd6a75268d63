package io.baas.cli;

import io.baas.fabric.chaincode.CcaasConnection;
import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.fabric.chaincode.ChaincodePackage;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Chaincode packages (CCaaS), reproducible: the same input gives the same package ID. */
@Command(name = "chaincode", description = "Chaincode packages.", subcommands = ChaincodeCommand.Package.class)
final class ChaincodeCommand {

    @Command(name = "package", mixinStandardHelpOptions = true,
            description = "Package a chaincode-as-a-service connection (as peer lifecycle chaincode package --lang ccaas); prints the package ID.")
    static final class Package extends ToolCommand {

        @Option(names = "--label", required = true, description = "package label, e.g. basic_1.0")
        String label;

        @Option(names = "--address", required = true, description = "where peers dial the chaincode server; may hold {{.peername}} and other builder template keys")
        String address;

        @Option(names = "--dial-timeout", defaultValue = "10s", description = "Go duration (default: ${DEFAULT-VALUE})")
        String dialTimeout;

        @Option(names = "--tls-root-cert", description = "the server's TLS CA as connection.json's root_cert (a template such as {{.tlsrootcert}} or a PEM file); TLS off when absent")
        String tlsRootCert;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .tar.gz to write")
        Path out;

        @Option(names = "--sandbox-jar", paramLabel = "JAR", description = "also name this chaincode jar (its file name and SHA-256) for ks-baas sandbox peers, which run it in-process")
        Path sandboxJar;

        @Override
        public Integer call() {
            CcaasConnection connection = tlsRootCert == null ? CcaasConnection.plain(address, dialTimeout)
                    : new CcaasConnection(address, dialTimeout, Optional.of(new CcaasConnection.Tls(rootCert(), Optional.empty())));
            ChaincodePackage built = sandboxJar == null ? CcaasPackageBuilder.build(label, connection)
                    : CcaasPackageBuilder.build(label, connection, java.util.List.of(io.baas.fabric.chaincode.SandboxJar.of(
                            sandboxJar.getFileName().toString(), CliFiles.readBytes("--sandbox-jar", sandboxJar)).entry()), java.time.Instant.EPOCH);
            CliFiles.write(out, built.bytes().toByteArray());
            out().println(built.packageId());
            return 0;
        }

        private String rootCert() {
            return tlsRootCert.contains("{{") ? tlsRootCert : CliFiles.read("--tls-root-cert", Path.of(tlsRootCert));
        }
    }
}
