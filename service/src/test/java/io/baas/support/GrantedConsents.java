package io.baas.support;

import io.baas.keyuse.ApprovalConsent;
import io.baas.keyuse.ConsentUnknownException;
import io.baas.keyuse.Consents;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Consents of reconciler tests, which run without a database: granted in memory, or unreadable. */
public final class GrantedConsents implements Consents {

    private final Set<ApprovalConsent> granted = ConcurrentHashMap.newKeySet();
    private volatile boolean unreadable;

    @Override
    public boolean granted(ApprovalConsent approval) {
        if (unreadable) {
            throw new ConsentUnknownException(new IllegalStateException("the test's consent store cannot be read"));
        }
        return granted.contains(approval);
    }

    public void grant(ApprovalConsent approval) {
        granted.add(approval);
    }

    public void unreadable(boolean value) {
        unreadable = value;
    }
}
