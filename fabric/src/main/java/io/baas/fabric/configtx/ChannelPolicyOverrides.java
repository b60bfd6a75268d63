package io.baas.fabric.configtx;

import io.baas.fabric.policy.PolicyException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Channel's {@code spec.policies}: policy rules by path ({@code Application/Endorsement:
 * "ANY Endorsement"}, {@code Channel/Admins: "OR('Org1MSP.admin')"}) replacing or adding to
 * configtxgen's defaults of the channel, orderer or application group.
 */
public final class ChannelPolicyOverrides {

    private static final Pattern PATH = Pattern.compile("^(Channel|Orderer|Application)/([A-Za-z][A-Za-z0-9_-]{0,63})$");

    private ChannelPolicyOverrides() {
    }

    /** The description with the overrides applied; a bad path or rule is an IllegalArgumentException naming it. */
    public static ChannelDescription apply(ChannelDescription description, Map<String, String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return description;
        }
        Map<String, PolicyDefinition> channel = new HashMap<>(description.policies());
        Map<String, PolicyDefinition> orderer = new HashMap<>(description.orderer().policies());
        Map<String, PolicyDefinition> application = new HashMap<>(description.application().policies());
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            Matcher path = PATH.matcher(override.getKey());
            if (!path.matches()) {
                throw new IllegalArgumentException("policy path \"" + override.getKey()
                        + "\" is not <Channel|Orderer|Application>/<policy name>");
            }
            PolicyDefinition rule;
            try {
                rule = PolicyDefinition.parse(override.getValue());
            } catch (PolicyException e) {
                throw new IllegalArgumentException("policy " + override.getKey() + ": " + e.getMessage(), e);
            }
            Map<String, PolicyDefinition> group = switch (path.group(1)) {
                case "Channel" -> channel;
                case "Orderer" -> orderer;
                default -> application;
            };
            group.put(path.group(2), rule);
        }
        return description.withPolicies(channel)
                .withOrderer(description.orderer().withPolicies(orderer))
                .withApplication(description.application().withPolicies(application));
    }
}
