package io.baas.fabric.configtx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

/**
 * What a config update changes, and whether it stays inside one organization's own group: an
 * application organization's {@code AnchorPeers} and {@code MSP} values, or an ordering
 * organization's {@code MSP} and {@code Endpoints}, with no mod policy, policy or sub-group of
 * that group changed. Such an update is the organization's own act (its admin alone satisfies
 * Fabric's default mod policy of its group); anything else concerns the channel's other members.
 */
public record ConfigUpdateScope(List<String> changed, Optional<OwnGroup> ownGroup) {

    /** One organization's group: {@code section} is Application or Orderer, {@code name} the group's (the MSP ID). */
    public record OwnGroup(String section, String name, Set<String> values) {
    }

    private static final Map<String, Set<String>> OWN_VALUES = Map.of(
            "Application", Set.of("AnchorPeers", "MSP"),
            "Orderer", Set.of("MSP", "Endpoints"));

    public static ConfigUpdateScope of(Config current, ConfigUpdate update) {
        // Against the current config, not the read set: a group whose members change is written
        // whole, its unchanged elements at their current versions, and read by version only.
        Map<String, ConfigElement> existing = ConfigElement.flatten(current.getChannelGroup());
        List<String> changed = new ArrayList<>();
        for (ConfigElement written : ConfigElement.flatten(update.getWriteSet()).values()) {
            ConfigElement now = existing.get(written.key());
            if (now == null || now.version() != written.version()) {
                changed.add(written.key());
            }
        }
        return new ConfigUpdateScope(List.copyOf(changed), ownGroup(current, update, changed));
    }

    public boolean isOwnGroupChange() {
        return ownGroup.isPresent();
    }

    private static Optional<OwnGroup> ownGroup(Config current, ConfigUpdate update, List<String> changed) {
        String section = null;
        String name = null;
        Set<String> values = new HashSet<>();
        for (String key : changed) {
            String kind = key.substring(0, key.indexOf(']') + 1);
            List<String> path = List.of(key.substring(key.indexOf('/') + 1).split("/"));
            boolean group = kind.equals("[Group]") && path.size() == 3;
            boolean value = kind.equals("[Value]") && path.size() == 4;
            if (!(group || value) || !OWN_VALUES.containsKey(path.get(1))) {
                return Optional.empty();
            }
            if (section != null && !(section.equals(path.get(1)) && name.equals(path.get(2)))) {
                return Optional.empty();
            }
            section = path.get(1);
            name = path.get(2);
            Optional<ConfigGroup> now = group(current.getChannelGroup(), section, name);
            Optional<ConfigGroup> proposed = group(update.getWriteSet(), section, name);
            if (now.isEmpty() || proposed.isEmpty()) {
                return Optional.empty(); // a new or removed organization is not one organization's own act
            }
            if (value) {
                String valueName = path.get(3);
                if (!OWN_VALUES.get(section).contains(valueName) || !sameValueModPolicy(now.get(), proposed.get(), valueName)) {
                    return Optional.empty();
                }
                values.add(valueName);
            } else if (!onlyOwnValuesDiffer(now.get(), proposed.get(), OWN_VALUES.get(section), values)) {
                return Optional.empty();
            }
        }
        return section == null ? Optional.empty() : Optional.of(new OwnGroup(section, name, Set.copyOf(values)));
    }

    private static Optional<ConfigGroup> group(ConfigGroup channel, String section, String name) {
        ConfigGroup sectionGroup = channel.getGroupsMap().get(section);
        return sectionGroup == null ? Optional.empty() : Optional.ofNullable(sectionGroup.getGroupsMap().get(name));
    }

    private static boolean sameValueModPolicy(ConfigGroup now, ConfigGroup proposed, String value) {
        return !now.getValuesMap().containsKey(value)
                || now.getValuesMap().get(value).getModPolicy().equals(proposed.getValuesMap().get(value).getModPolicy());
    }

    /** A group whose version moves: same mod policy, policies and sub-groups; only own values added or removed. */
    private static boolean onlyOwnValuesDiffer(ConfigGroup now, ConfigGroup proposed, Set<String> own, Set<String> values) {
        if (!now.getModPolicy().equals(proposed.getModPolicy())
                || !now.getPoliciesMap().keySet().equals(proposed.getPoliciesMap().keySet())
                || !now.getGroupsMap().keySet().equals(proposed.getGroupsMap().keySet())) {
            return false;
        }
        Set<String> difference = new HashSet<>(now.getValuesMap().keySet());
        difference.addAll(proposed.getValuesMap().keySet());
        Set<String> common = new HashSet<>(now.getValuesMap().keySet());
        common.retainAll(proposed.getValuesMap().keySet());
        difference.removeAll(common);
        if (!own.containsAll(difference)) {
            return false;
        }
        values.addAll(difference);
        return true;
    }
}
