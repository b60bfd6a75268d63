package io.baas.cli;

import io.baas.pki.CertificateAuthority;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.msp.FileTree;
import io.baas.pki.msp.MspFile;
import io.baas.pki.msp.MspLayout;
import io.baas.pki.msp.FileKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Organizations' crypto material in cryptogen's folder layout, made by the platform's PKI. */
@Command(name = "org", description = "Organization material.", subcommands = OrgCommand.Generate.class)
final class OrgCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "New CAs and identities of one organization in cryptogen's layout: ca/, tlsca/, msp/, peers/, orderers/, users/.")
    static final class Generate extends ToolCommand {

        @Option(names = "--msp-id", required = true, description = "the organization's MSP ID")
        String mspId;

        @Option(names = "--domain", required = true, description = "its domain: CAs ca.<domain> and tlsca.<domain>, nodes <node>.<domain>")
        String domain;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write (must not exist or be empty)")
        Path out;

        @Option(names = "--peers", defaultValue = "0", description = "peers peer0.<domain> .. (default: ${DEFAULT-VALUE})")
        int peers;

        @Option(names = "--orderers", defaultValue = "0", description = "orderers orderer0.<domain> .. (default: ${DEFAULT-VALUE})")
        int orderers;

        @Option(names = "--users", defaultValue = "1", description = "client users User1@<domain> .. besides Admin@<domain> (default: ${DEFAULT-VALUE})")
        int users;

        @Option(names = "--san", paramLabel = "HOST", description = "further host names or IP addresses for every node's TLS certificate")
        List<String> extraNames = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (peers < 0 || orderers < 0 || users < 0) {
                throw new CliInputException("--peers, --orderers and --users cannot be negative");
            }
            if (Files.isDirectory(out)) {
                try (var existing = Files.list(out)) {
                    if (existing.findAny().isPresent()) {
                        throw new CliInputException(out + " is not empty: generate into a new folder");
                    }
                }
            }
            OrganizationCas cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
                    .createRoots(new MspOrganization(mspId, domain));
            IdentityIssuer issuer = new IdentityIssuer(cas);
            FileTree tree = ca("ca", cas.signingCa()).plus(ca("tlsca", cas.tlsCa()))
                    .plus(MspLayout.organizationMsp(cas).prefixed("msp"));
            for (int i = 0; i < peers; i++) {
                tree = tree.plus(node(issuer, cas, IdentityRole.PEER, "peer" + i + "." + domain).prefixed("peers/peer" + i + "." + domain));
            }
            for (int i = 0; i < orderers; i++) {
                tree = tree.plus(node(issuer, cas, IdentityRole.ORDERER, "orderer" + i + "." + domain)
                        .prefixed("orderers/orderer" + i + "." + domain));
            }
            String admin = "Admin@" + domain;
            tree = tree.plus(MspLayout.identityMaterial(cas, issuer.issue(IdentityRequest.user(IdentityRole.ADMIN, admin))).prefixed("users/" + admin));
            for (int i = 1; i <= users; i++) {
                String user = "User" + i + "@" + domain;
                tree = tree.plus(MspLayout.identityMaterial(cas, issuer.issue(IdentityRequest.user(IdentityRole.CLIENT, user))).prefixed("users/" + user));
            }
            tree.writeTo(out);
            out().printf("%s: %d files in %s (CA keys in ca/ and tlsca/: keep them safe)%n", mspId, tree.paths().size(), out);
            return 0;
        }

        private FileTree node(IdentityIssuer issuer, OrganizationCas cas, IdentityRole role, String name) {
            List<String> names = new ArrayList<>(List.of(name, name.substring(0, name.indexOf('.'))));
            names.addAll(extraNames);
            Identity identity = issuer.issue(IdentityRequest.node(role, name, List.of(), names));
            return MspLayout.identityMaterial(cas, identity);
        }

        /** cryptogen's ca/ and tlsca/ folders: the CA certificate and its key. */
        private static FileTree ca(String folder, CertificateAuthority ca) {
            return FileTree.of(List.of(
                    MspFile.text(MspLayout.fileName(ca.certificate()), Pem.encode(ca.chain()), FileKind.OWN_CERTIFICATE),
                    MspFile.text("priv_sk", ca.certifiedKey().privateKeyPem(), FileKind.PRIVATE_KEY))).prefixed(folder);
        }
    }
}
