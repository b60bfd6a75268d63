package io.baas.fabric.configtx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * Computes the ConfigUpdate that turns one channel config into another with the rules of
 * configtxlator's {@code compute_update}, so updates are what the orderer's validator expects:
 * <ul>
 * <li>a changed value or policy is written at its version + 1 with the new mod policy;
 *     an unchanged one is left out unless its group's membership changed;</li>
 * <li>a group whose members were added or removed, or whose mod policy changed, is read at its
 *     version and written at version + 1 with every member listed (unchanged ones by version
 *     only, in both sets), because the validator then checks the group's own mod policy;</li>
 * <li>a group with only changed members is read and written at its current version, with only
 *     the changed members, so its mod policy is not required;</li>
 * <li>anything new is written at version 0 with all its content; removals are expressed by
 *     leaving the member out of the re-versioned group.</li>
 * </ul>
 * Versions of the desired config are ignored: only the current config's versions count.
 */
public final class ConfigUpdateCalculator {

    private ConfigUpdateCalculator() {
    }

    /** The update, refused as configtxlator refuses it when the two configs do not differ. */
    public static ConfigUpdate compute(String channelId, Config current, Config desired) {
        return difference(channelId, current, desired)
                .orElseThrow(() -> new ChannelConfigException("no differences detected between original and updated config"));
    }

    /** The update, or empty when the two configs do not differ (nothing to do, not an error). */
    public static Optional<ConfigUpdate> difference(String channelId, Config current, Config desired) {
        if (!current.hasChannelGroup()) {
            throw new ChannelConfigException("no channel group included for original config");
        }
        if (!desired.hasChannelGroup()) {
            throw new ChannelConfigException("no channel group included for updated config");
        }
        GroupUpdate update = group(current.getChannelGroup(), desired.getChannelGroup());
        if (!update.changed()) {
            return Optional.empty();
        }
        return Optional.of(ConfigUpdate.newBuilder().setChannelId(channelId).setReadSet(update.read()).setWriteSet(update.write()).build());
    }

    private record GroupUpdate(ConfigGroup read, ConfigGroup write, boolean changed) {
    }

    /** How one member compares: unchanged (with its version-only entry), or changed (read may be absent). */
    private record Outcome<T>(boolean same, T read, T write) {
    }

    private static final class Members<T> {
        final Map<String, T> read = new LinkedHashMap<>();
        final Map<String, T> write = new LinkedHashMap<>();
        final Map<String, T> same = new LinkedHashMap<>();
        boolean membershipChanged;

        boolean anyChange() {
            return !read.isEmpty() || !write.isEmpty();
        }

        void includeSame() {
            read.putAll(same);
            write.putAll(same);
        }
    }

    private static GroupUpdate group(ConfigGroup current, ConfigGroup desired) {
        Members<ConfigPolicy> policies = members(current.getPoliciesMap(), desired.getPoliciesMap(),
                ConfigUpdateCalculator::policy, added -> added.toBuilder().setVersion(0).build());
        Members<ConfigValue> values = members(current.getValuesMap(), desired.getValuesMap(),
                ConfigUpdateCalculator::value, added -> added.toBuilder().setVersion(0).build());
        Members<ConfigGroup> groups = members(current.getGroupsMap(), desired.getGroupsMap(),
                ConfigUpdateCalculator::subgroup, ConfigUpdateCalculator::newGroup);
        long version = current.getVersion();
        boolean restructured = policies.membershipChanged || values.membershipChanged || groups.membershipChanged
                || !current.getModPolicy().equals(desired.getModPolicy());
        if (!restructured) {
            if (!policies.anyChange() && !values.anyChange() && !groups.anyChange()) {
                ConfigGroup unchanged = ConfigGroup.newBuilder().setVersion(version).build();
                return new GroupUpdate(unchanged, unchanged, false);
            }
            return new GroupUpdate(
                    assemble(version, "", policies.read, values.read, groups.read),
                    assemble(version, "", policies.write, values.write, groups.write),
                    true);
        }
        policies.includeSame();
        values.includeSame();
        groups.includeSame();
        return new GroupUpdate(
                assemble(version, "", policies.read, values.read, groups.read),
                assemble(version + 1, desired.getModPolicy(), policies.write, values.write, groups.write),
                true);
    }

    private static <T> Members<T> members(Map<String, T> current, Map<String, T> desired,
            BiFunction<T, T, Outcome<T>> compare, Function<T, T> added) {
        Members<T> members = new Members<>();
        current.forEach((name, existing) -> {
            T wanted = desired.get(name);
            if (wanted == null) {
                members.membershipChanged = true;
                return;
            }
            Outcome<T> outcome = compare.apply(existing, wanted);
            if (outcome.same()) {
                members.same.put(name, outcome.read());
                return;
            }
            if (outcome.read() != null) {
                members.read.put(name, outcome.read());
            }
            members.write.put(name, outcome.write());
        });
        desired.forEach((name, wanted) -> {
            if (!current.containsKey(name)) {
                members.membershipChanged = true;
                members.write.put(name, added.apply(wanted));
            }
        });
        return members;
    }

    private static Outcome<ConfigValue> value(ConfigValue existing, ConfigValue wanted) {
        if (existing.getModPolicy().equals(wanted.getModPolicy()) && existing.getValue().equals(wanted.getValue())) {
            return new Outcome<>(true, ConfigValue.newBuilder().setVersion(existing.getVersion()).build(), null);
        }
        return new Outcome<>(false, null, wanted.toBuilder().setVersion(existing.getVersion() + 1).build());
    }

    private static Outcome<ConfigPolicy> policy(ConfigPolicy existing, ConfigPolicy wanted) {
        boolean samePolicy = existing.hasPolicy() == wanted.hasPolicy() && existing.getPolicy().equals(wanted.getPolicy());
        if (existing.getModPolicy().equals(wanted.getModPolicy()) && samePolicy) {
            return new Outcome<>(true, ConfigPolicy.newBuilder().setVersion(existing.getVersion()).build(), null);
        }
        return new Outcome<>(false, null, wanted.toBuilder().setVersion(existing.getVersion() + 1).build());
    }

    private static Outcome<ConfigGroup> subgroup(ConfigGroup existing, ConfigGroup wanted) {
        GroupUpdate update = group(existing, wanted);
        return new Outcome<>(!update.changed(), update.read(), update.write());
    }

    /** A new group is written whole at version 0, its members (new as well) at version 0 too. */
    private static ConfigGroup newGroup(ConfigGroup wanted) {
        ConfigGroup content = group(ConfigGroup.getDefaultInstance(), wanted).write();
        return assemble(0, wanted.getModPolicy(), content.getPoliciesMap(), content.getValuesMap(), content.getGroupsMap());
    }

    private static ConfigGroup assemble(long version, String modPolicy, Map<String, ConfigPolicy> policies,
            Map<String, ConfigValue> values, Map<String, ConfigGroup> groups) {
        return ConfigGroup.newBuilder()
                .setVersion(version)
                .setModPolicy(modPolicy)
                .putAllPolicies(policies)
                .putAllValues(values)
                .putAllGroups(groups)
                .build();
    }
}
