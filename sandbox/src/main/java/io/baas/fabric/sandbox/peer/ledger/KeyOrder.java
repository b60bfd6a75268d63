package io.baas.fabric.sandbox.peer.ledger;

import java.util.Comparator;

/**
 * Fabric's key order: LevelDB compares the UTF-8 bytes of keys, which is code point order. Java's
 * {@code String.compareTo} compares UTF-16 units and would put U+10000 and above before U+E000, so
 * composite-key ranges ending in U+10FFFF would miss keys.
 */
public final class KeyOrder {

    public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
