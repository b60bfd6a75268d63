package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * An organizational unit that classifies identities, optionally only those issued by one CA
 * certificate (PEM bytes as read from the MSP folder).
 */
public record OuIdentifier(String organizationalUnit, Optional<ByteString> certificate) {

    public OuIdentifier {
        if (organizationalUnit == null || organizationalUnit.isBlank()) {
            throw new ChannelConfigException("an OU identifier needs an organizational unit");
        }
    }
}
