package io.baas.fabric.configtx;

import io.baas.fabric.policy.ChannelPolicies;
import io.baas.fabric.policy.PolicyException;
import io.baas.fabric.policy.SignerIdentity;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

/**
 * Checks a ConfigUpdate against the current config as the orderer's configtx validator does, so
 * ks-baas can tell before submitting whether an update is stale and whose signatures it still
 * needs: the read set must match current versions, every element the write set changes must go
 * to version + 1 (new ones to 0), and the current mod policy of each changed element must be
 * satisfied.
 */
public final class ConfigUpdateAuthorization {

    private ConfigUpdateAuthorization() {
    }

    /** The absolute paths of the policies that must be satisfied, e.g. {@code /Channel/Application/Org1MSP/Admins}. */
    public static List<String> requiredPolicies(Config current, ConfigUpdate update) {
        Map<String, ConfigElement> existing = ConfigElement.flatten(current.getChannelGroup());
        Map<String, ConfigElement> read = ConfigElement.flatten(update.getReadSet());
        for (ConfigElement element : read.values()) {
            ConfigElement now = existing.get(element.key());
            if (now == null) {
                throw new ChannelConfigException("existing config does not contain element for " + element.key()
                        + " but was in the read set");
            }
            if (now.version() != element.version()) {
                throw new ChannelConfigException("proposed update requires that key " + element.key() + " be at version "
                        + element.version() + ", but it is currently at version " + now.version());
            }
        }
        TreeSet<String> policies = new TreeSet<>();
        int changes = 0;
        for (ConfigElement written : ConfigElement.flatten(update.getWriteSet()).values()) {
            ConfigElement readAs = read.get(written.key());
            if (readAs != null && readAs.version() == written.version()) {
                continue;
            }
            changes++;
            if (written.modPolicy().isEmpty()) {
                throw new ChannelConfigException("mod_policy not set for element " + written.key());
            }
            ConfigElement now = existing.get(written.key());
            if (now == null) {
                if (written.version() != 0) {
                    throw new ChannelConfigException("attempted to set key " + written.key() + " to version "
                            + written.version() + ", but key does not exist");
                }
                continue;
            }
            if (written.version() != now.version() + 1) {
                throw new ChannelConfigException("attempt to set key " + written.key() + " to version " + written.version()
                        + ", but key is at version " + now.version());
            }
            // The current element's mod policy decides, not the one the update proposes.
            policies.add(now.modPolicyPath());
        }
        if (changes == 0) {
            throw new ChannelConfigException("delta set was empty -- update would have no effect");
        }
        return List.copyOf(policies);
    }

    /** Fails naming the first policy the signers do not satisfy. */
    public static void authorize(Config current, ConfigUpdate update, List<SignerIdentity> signers) {
        ChannelPolicies channelPolicies = new ChannelPolicies(current);
        for (String path : requiredPolicies(current, update)) {
            boolean satisfied;
            try {
                satisfied = channelPolicies.policy(path).evaluate(signers);
            } catch (PolicyException e) {
                throw new ChannelConfigException("unexpected missing policy " + path + ": " + e.getMessage(), e);
            }
            if (!satisfied) {
                throw new ChannelConfigException("policy " + path + " is not satisfied by the update's signatures");
            }
        }
    }
}
