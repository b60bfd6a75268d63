package io.baas.cli;

import io.baas.fabric.identity.Signer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Who signs: a local MSP folder (signcerts/, keystore/) and its MSP ID, as the peer CLI's CORE_PEER_MSPCONFIGPATH. */
final class MspOptions {

    @Option(names = "--msp-dir", required = true, paramLabel = "DIR", description = "local MSP folder of the signing identity")
    Path mspDir;

    @Option(names = "--msp-id", required = true, paramLabel = "ID", description = "its MSP ID")
    String mspId;

    Signer signer() {
        return CliFiles.signer("--msp-dir", mspDir, mspId);
    }
}
