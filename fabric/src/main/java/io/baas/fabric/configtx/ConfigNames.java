package io.baas.fabric.configtx;

import java.util.regex.Pattern;

/** The names Fabric accepts for config keys and channels. */
final class ConfigNames {

    // common/configtx: config keys are at most 249 characters of [a-zA-Z0-9.-_].
    private static final Pattern CONFIG_KEY = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    // Channel names are lower case, start with a letter and are shorter than 250 characters.
    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

    private ConfigNames() {
    }

    static void check(String what, String name) {
        if (name == null || !CONFIG_KEY.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new ChannelConfigException(what + " name '" + name + "' is not a valid config key");
        }
    }

    static void checkChannelId(String channelId) {
        if (channelId == null || !CHANNEL_ID.matcher(channelId).matches()) {
            throw new ChannelConfigException("channel id '" + channelId + "' must match [a-z][a-z0-9.-]* and be under 250 characters");
        }
    }
}
