package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import java.util.Optional;

/** The NodeOUs section of an MSP's config.yaml (enabled); an absent role is not classified. */
public record NodeOus(Optional<OuIdentifier> client, Optional<OuIdentifier> peer, Optional<OuIdentifier> admin,
        Optional<OuIdentifier> orderer) {

    /** What cryptogen and fabric-ca write: the four default OU names, tied to the MSP's CA. */
    public static NodeOus standard(ByteString caCertificate) {
        return new NodeOus(
                Optional.of(new OuIdentifier("client", Optional.of(caCertificate))),
                Optional.of(new OuIdentifier("peer", Optional.of(caCertificate))),
                Optional.of(new OuIdentifier("admin", Optional.of(caCertificate))),
                Optional.of(new OuIdentifier("orderer", Optional.of(caCertificate))));
    }
}
