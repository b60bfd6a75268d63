package io.baas.fabric.configtx;

import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * The config an authorized update produces, as the orderer's configtx validator computes it: every
 * element the write set changes (a version differing from the read set's, or absent from it)
 * replaces the current one, and the tree is rebuilt from the channel group down. A group's children
 * are the ones its winning version names, so a changed group that omits a child removes it.
 * Call {@link ConfigUpdateAuthorization#authorize} first; this class checks nothing else.
 */
public final class ConfigUpdateApplier {

    private final Map<String, ConfigGroup> groups = new HashMap<>();
    private final Map<String, ConfigValue> values = new HashMap<>();
    private final Map<String, ConfigPolicy> policies = new HashMap<>();

    private ConfigUpdateApplier() {
    }

    /** The next config: sequence + 1, the update overlaid on the current channel group. */
    public static Config apply(Config current, ConfigUpdate update) {
        ConfigUpdateApplier applier = new ConfigUpdateApplier();
        applier.addAll(ConfigElement.ROOT, current.getChannelGroup());
        applier.addChanged(ConfigElement.ROOT, update.getWriteSet(), update.getReadSet());
        return Config.newBuilder()
                .setSequence(current.getSequence() + 1)
                .setChannelGroup(applier.rebuild(ConfigElement.ROOT))
                .build();
    }

    // Versions start at 0: against this stand-in for a group the read set lacks, everything counts as changed.
    private static final ConfigGroup ABSENT = ConfigGroup.newBuilder().setVersion(-1).build();

    private void addAll(String path, ConfigGroup group) {
        groups.put(path, group);
        group.getValuesMap().forEach((name, value) -> values.put(path + "/" + name, value));
        group.getPoliciesMap().forEach((name, policy) -> policies.put(path + "/" + name, policy));
        group.getGroupsMap().forEach((name, child) -> addAll(path + "/" + name, child));
    }

    /** Overlays the delta set: written elements whose version differs from the read set's. */
    private void addChanged(String path, ConfigGroup written, ConfigGroup read) {
        if (read.getVersion() != written.getVersion()) {
            groups.put(path, written);
        }
        written.getValuesMap().forEach((name, value) -> {
            ConfigValue before = read.getValuesMap().get(name);
            if (before == null || before.getVersion() != value.getVersion()) {
                values.put(path + "/" + name, value);
            }
        });
        written.getPoliciesMap().forEach((name, policy) -> {
            ConfigPolicy before = read.getPoliciesMap().get(name);
            if (before == null || before.getVersion() != policy.getVersion()) {
                policies.put(path + "/" + name, policy);
            }
        });
        written.getGroupsMap().forEach((name, child) ->
                addChanged(path + "/" + name, child, read.getGroupsMap().getOrDefault(name, ABSENT)));
    }

    private ConfigGroup rebuild(String path) {
        ConfigGroup group = groups.get(path);
        if (group == null) {
            throw new ChannelConfigException("config update left no group at " + path);
        }
        ConfigGroup.Builder rebuilt = group.toBuilder().clearGroups().clearValues().clearPolicies();
        for (String name : group.getGroupsMap().keySet()) {
            rebuilt.putGroups(name, rebuild(path + "/" + name));
        }
        for (String name : group.getValuesMap().keySet()) {
            rebuilt.putValues(name, require(values, path + "/" + name, "value"));
        }
        for (String name : group.getPoliciesMap().keySet()) {
            rebuilt.putPolicies(name, require(policies, path + "/" + name, "policy"));
        }
        return rebuilt.build();
    }

    private static <T> T require(Map<String, T> elements, String path, String kind) {
        T element = elements.get(path);
        if (element == null) {
            throw new ChannelConfigException("config update left no " + kind + " at " + path);
        }
        return element;
    }
}
