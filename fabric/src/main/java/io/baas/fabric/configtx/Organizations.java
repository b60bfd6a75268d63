package io.baas.fabric.configtx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the sections that list organizations. */
final class Organizations {

    private Organizations() {
    }

    /** Names key config groups and MSP IDs key identities: a duplicate of either would shadow an organization. */
    static void checkDistinct(List<String> names, List<String> mspIds) {
        Set<String> seenNames = new HashSet<>();
        for (String name : names) {
            if (!seenNames.add(name)) {
                throw new ChannelConfigException("organization " + name + " is listed twice");
            }
        }
        Set<String> seenMspIds = new HashSet<>();
        for (String mspId : mspIds) {
            if (!seenMspIds.add(mspId)) {
                throw new ChannelConfigException("MSP ID " + mspId + " is used by two organizations");
            }
        }
    }
}
