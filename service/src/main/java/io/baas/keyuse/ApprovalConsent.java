package io.baas.keyuse;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.LifecycleRequest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What an organization's admin consents to when asking the platform to approve a chaincode as the
 * organization: exactly this definition (name, version, sequence, policies, collections, package)
 * on this channel. {@code definitionHash} covers the approval transaction's argument itself, so
 * a definition changed after the consent (another policy, another package) has none.
 */
public record ApprovalConsent(String organization, String channel, String chaincode, long sequence, String definitionHash) {

    public static ApprovalConsent of(String organization, String channel, ChaincodeDefinition definition, String packageId) {
        return new ApprovalConsent(organization, channel, definition.name(), definition.sequence(),
                definitionHash(channel, definition, packageId));
    }

    /** SHA-256 (hex) of the channel and the ApproveChaincodeDefinitionForMyOrg argument. */
    public static String definitionHash(String channel, ChaincodeDefinition definition, String packageId) {
        ByteString argument = new LifecycleRequest.ApproveForMyOrg(definition, Optional.of(packageId)).argument();
        return HexFormat.of().formatHex(Sha256.digest(ByteString.copyFromUtf8(channel + "\n"), argument).toByteArray());
    }
}
