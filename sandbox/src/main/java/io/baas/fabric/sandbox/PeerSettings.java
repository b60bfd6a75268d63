package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.identity.Signer;
import io.baas.pki.CertifiedKey;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a peer is: the identity that endorses and signs deliver requests, its organization's MSP
 * (the local MSP that judges channel-less proposals such as install and join), its TLS key and
 * certificate with the issuers to present, Fabric's {@code peer.deliveryclient.addressOverrides}
 * (orderer endpoints of channel configs mapped to where the orderers really listen), the directory
 * of chaincode jars that sandbox packages name (run in the peer's JVM), the clock, the address it binds to,
 * where it keeps its ledgers and installed packages (in memory when empty), and the chaincode processes
 * that run other staged jars (uploaded code) outside it; on the host runtime, how its CCaaS packages
 * are dialed instead ({@code ccaasDialing}).
 */
public record PeerSettings(Signer signer, MspDescription localMsp, CertifiedKey tls, List<X509Certificate> tlsIssuers,
        Map<String, String> ordererAddressOverrides, Path chaincodeJars, Clock clock, String host, java.util.Optional<Path> dataDirectory,
        java.util.Optional<io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses> chaincodeProcesses,
        java.util.Optional<io.baas.fabric.sandbox.peer.chaincode.CcaasDialing> ccaasDialing) {

    public PeerSettings {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(localMsp, "localMsp");
        Objects.requireNonNull(tls, "tls");
        tlsIssuers = List.copyOf(tlsIssuers);
        ordererAddressOverrides = Map.copyOf(ordererAddressOverrides);
        Objects.requireNonNull(chaincodeJars, "chaincodeJars");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(chaincodeProcesses, "chaincodeProcesses");
        Objects.requireNonNull(ccaasDialing, "ccaasDialing");
        if (!signer.identity().mspId().equals(localMsp.mspId())) {
            throw new IllegalArgumentException("the peer's identity belongs to " + signer.identity().mspId()
                    + ", not to its local MSP " + localMsp.mspId());
        }
    }

    /** Loopback only, port chosen by the system. */
    public static PeerSettings loopback(Signer signer, MspDescription localMsp, CertifiedKey tls,
            Map<String, String> ordererAddressOverrides, Path chaincodeJars, Clock clock) {
        return new PeerSettings(signer, localMsp, tls, List.of(), ordererAddressOverrides, chaincodeJars, clock, "127.0.0.1",
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
    }

    /** The same peer keeping its ledgers and installed packages in this directory, and recovering them from it. */
    public PeerSettings withDataDirectory(Path directory) {
        return new PeerSettings(signer, localMsp, tls, tlsIssuers, ordererAddressOverrides, chaincodeJars, clock, host,
                java.util.Optional.of(directory), chaincodeProcesses, ccaasDialing);
    }

    /** The same peer running chaincode jars staged with {@code processes} as processes of their own (uploaded code). */
    public PeerSettings withChaincodeProcesses(io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses processes) {
        return new PeerSettings(signer, localMsp, tls, tlsIssuers, ordererAddressOverrides, chaincodeJars, clock, host,
                dataDirectory, java.util.Optional.of(processes), ccaasDialing);
    }
}
