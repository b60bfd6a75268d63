package io.baas.fabric.configtx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.ConfigGroup;

/**
 * One group, value or policy of a config (or of an update's read or write set), flattened the way
 * Fabric's configtx validator keys them, with what the validator needs: version and mod policy.
 * {@code policyScope} is the group whose policies a relative mod policy names: the group itself
 * for a group, the enclosing group for a value or policy.
 */
record ConfigElement(String key, long version, String modPolicy, List<String> policyScope) {

    static final String ROOT = "Channel";

    /** Every element of the tree under the channel group, by key such as {@code [Value] /Channel/Orderer/BatchSize}. */
    static Map<String, ConfigElement> flatten(ConfigGroup channel) {
        Map<String, ConfigElement> elements = new LinkedHashMap<>();
        flatten(List.of(ROOT), channel, elements);
        return elements;
    }

    private static void flatten(List<String> path, ConfigGroup group, Map<String, ConfigElement> elements) {
        String at = "/" + String.join("/", path);
        elements.put("[Group]  " + at, new ConfigElement("[Group]  " + at, group.getVersion(), group.getModPolicy(), path));
        group.getValuesMap().forEach((name, value) -> elements.put("[Value]  " + at + "/" + name,
                new ConfigElement("[Value]  " + at + "/" + name, value.getVersion(), value.getModPolicy(), path)));
        group.getPoliciesMap().forEach((name, policy) -> elements.put("[Policy] " + at + "/" + name,
                new ConfigElement("[Policy] " + at + "/" + name, policy.getVersion(), policy.getModPolicy(), path)));
        group.getGroupsMap().forEach((name, child) ->
                flatten(Stream.concat(path.stream(), Stream.of(name)).toList(), child, elements));
    }

    /** The absolute path of the policy that must authorize changing this element. */
    String modPolicyPath() {
        return modPolicy.startsWith("/") ? modPolicy : "/" + String.join("/", policyScope) + "/" + modPolicy;
    }
}
