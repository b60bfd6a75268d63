package io.baas.support;

import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.keyuse.KeyUseLog;
import io.baas.keyuse.KeyUseNotRecordedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The key-use log of reconciler tests, which run without a database: kept in memory, or refusing every record. */
public final class RecordingKeyUseLog implements KeyUseLog {

    private final List<KeyUse> uses = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    @Override
    public void record(KeyUse use) {
        if (refusing) {
            throw new KeyUseNotRecordedException(use, new IllegalStateException("the test's audit log refuses writes"));
        }
        uses.add(use);
    }

    /** From now on, every record fails as an unwritable audit table would. */
    public void refuse() {
        refusing = true;
    }

    public List<KeyUse> uses() {
        return List.copyOf(uses);
    }

    /** "organization action" of every recorded use, in order. */
    public List<String> summary() {
        return uses.stream().map(u -> u.organization() + " " + u.action().label()).toList();
    }

    public List<KeyUse> of(KeyAction action) {
        return uses.stream().filter(u -> u.action() == action).toList();
    }
}
