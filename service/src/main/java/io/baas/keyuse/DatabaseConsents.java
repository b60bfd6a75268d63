package io.baas.keyuse;

import io.baas.iam.Caller;
import io.baas.store.Db;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Consents in PostgreSQL. {@link #grant} is the one way in: the API calls it for an admin of the
 * organization (the route authorizes that; no route exists yet), never a reconciler.
 */
@ApplicationScoped
public class DatabaseConsents implements Consents {

    private static final String QUERY = "organization = :organization and action = :action and channel = :channel"
            + " and chaincode = :chaincode and sequence = :sequence and definitionHash = :hash";

    @Override
    public boolean granted(ApprovalConsent approval) {
        try {
            Long count = Db.read(() -> ConsentRecord.count(QUERY, parameters(approval)));
            return count != null && count > 0;
        } catch (RuntimeException e) {
            throw new ConsentUnknownException(e);
        }
    }

    /** Records that {@code admin}, an admin of the approval's organization, asks the platform to approve it. */
    public void grant(ApprovalConsent approval, Caller admin) {
        if (granted(approval)) {
            return;
        }
        ConsentRecord record = new ConsentRecord();
        record.organization = approval.organization();
        record.action = KeyAction.APPROVE_CHAINCODE.label();
        record.channel = approval.channel();
        record.chaincode = approval.chaincode();
        record.sequence = approval.sequence();
        record.definitionHash = approval.definitionHash();
        record.grantedBy = admin.username();
        record.grantedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Db.inTransaction(record::persist);
    }

    private static Parameters parameters(ApprovalConsent approval) {
        return Parameters.with("organization", approval.organization())
                .and("action", KeyAction.APPROVE_CHAINCODE.label())
                .and("channel", approval.channel())
                .and("chaincode", approval.chaincode())
                .and("sequence", approval.sequence())
                .and("hash", approval.definitionHash());
    }
}
