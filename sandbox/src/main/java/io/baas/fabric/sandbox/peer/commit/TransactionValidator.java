package io.baas.fabric.sandbox.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_COMMON_HEADER;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_HEADER_EXTENSION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RESPONSE_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CHAINCODE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CONFIG_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_OTHER_REASON;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.UNSUPPORTED_TX_PAYLOAD;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.transaction.TransactionIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates one transaction of a block as Fabric 2.5's committer does (txvalidator v20 and
 * validation.ValidateTransaction), in its order, with its codes: the envelope and headers
 * (BAD_PAYLOAD, BAD_COMMON_HEADER), the creator known to the channel's MSPs, valid and with a good
 * signature (BAD_CREATOR_SIGNATURE), the transaction id (BAD_PROPOSAL_TXID), the endorser
 * transaction's shape and proposal hash (INVALID_ENDORSER_TRANSACTION), a transaction id already in
 * the ledger (DUPLICATE_TXID), then the plugin dispatcher's checks (BAD_HEADER_EXTENSION,
 * BAD_RESPONSE_PAYLOAD, BAD_RWSET, INVALID_CHAINCODE, ILLEGAL_WRITESET) and the endorsement policy of
 * the invoked chaincode and of every namespace written (ENDORSEMENT_POLICY_FAILURE). The MVCC check
 * comes later, in block order ({@link BlockCommitter}).
 */
public final class TransactionValidator {

    private final String channelId;

    public TransactionValidator(String channelId) {
        this.channelId = channelId;
    }

    public ValidatedTransaction validate(int index, ByteString envelopeBytes, ChannelConfig config, EndorsementPolicies policies,
            WorldState state, Predicate<String> inLedger) {
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(envelopeBytes);
        } catch (InvalidProtocolBufferException e) {
            return ValidatedTransaction.invalid(index, "", HeaderType.MESSAGE_VALUE, INVALID_OTHER_REASON, Instant.EPOCH);
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return ValidatedTransaction.invalid(index, "", HeaderType.MESSAGE_VALUE, BAD_PAYLOAD, Instant.EPOCH);
        }
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            if (!payload.hasHeader()) {
                throw new Invalid(BAD_COMMON_HEADER);
            }
            channelHeader = parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(), BAD_COMMON_HEADER);
            signatureHeader = parse(SignatureHeader.parser(), payload.getHeader().getSignatureHeader(), BAD_COMMON_HEADER);
        } catch (Invalid e) {
            return ValidatedTransaction.invalid(index, "", HeaderType.MESSAGE_VALUE, e.code, Instant.EPOCH);
        }
        String txId = channelHeader.getTxId();
        int type = channelHeader.getType();
        Instant timestamp = Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
        try {
            checkCommonHeader(channelHeader, signatureHeader);
            checkCreator(envelope, channelHeader, signatureHeader, config);
            if (type == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                if (!TransactionIds.compute(signatureHeader.getNonce(), signatureHeader.getCreator()).equals(txId)) {
                    throw new Invalid(BAD_PROPOSAL_TXID);
                }
                Transaction transaction = endorserTransaction(payload);
                if (inLedger.test(txId)) {
                    throw new Invalid(DUPLICATE_TXID);
                }
                return dispatch(index, txId, type, timestamp, channelHeader, transaction, config, policies, state);
            }
            if (type == HeaderType.CONFIG_VALUE) {
                ConfigEnvelope configEnvelope = parse(ConfigEnvelope.parser(), payload.getData(), INVALID_CONFIG_TRANSACTION);
                if (!configEnvelope.hasConfig()) {
                    throw new Invalid(INVALID_CONFIG_TRANSACTION);
                }
                return new ValidatedTransaction(index, txId, type, TxValidationCode.VALID, timestamp, List.of(),
                        Optional.of(configEnvelope.getConfig()), Optional.empty());
            }
            throw new Invalid(UNSUPPORTED_TX_PAYLOAD);
        } catch (Invalid e) {
            return ValidatedTransaction.invalid(index, txId, type, e.code, timestamp);
        }
    }

    /** validateCommonHeader: a supported type, epoch 0, a nonce and a creator. */
    private static void checkCommonHeader(ChannelHeader channelHeader, SignatureHeader signatureHeader) {
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_UPDATE_VALUE && type != HeaderType.CONFIG_VALUE) {
            throw new Invalid(BAD_COMMON_HEADER);
        }
        if (channelHeader.getEpoch() != 0) {
            throw new Invalid(BAD_COMMON_HEADER);
        }
        requireSignatureHeader(signatureHeader, BAD_COMMON_HEADER);
    }

    private static void requireSignatureHeader(SignatureHeader header, TxValidationCode code) {
        if (header.getNonce().isEmpty() || header.getCreator().isEmpty()) {
            throw new Invalid(code);
        }
    }

    /**
     * checkSignatureFromCreator: the MSPs of the channel the header names must know the creator,
     * its certificate must chain to its MSP, and the envelope signature must verify. A header naming
     * another channel finds no MSPs here, as on a peer that has not joined that channel.
     */
    private void checkCreator(Envelope envelope, ChannelHeader channelHeader, SignatureHeader signatureHeader, ChannelConfig config) {
        if (!channelHeader.getChannelId().equals(channelId) || envelope.getSignature().isEmpty() || envelope.getPayload().isEmpty()) {
            throw new Invalid(BAD_CREATOR_SIGNATURE);
        }
        FabricIdentity creator;
        try {
            creator = FabricIdentity.fromSerialized(signatureHeader.getCreator());
        } catch (IdentityException e) {
            throw new Invalid(BAD_CREATOR_SIGNATURE);
        }
        if (!config.msps().isValid(creator)
                || !new SignedData(envelope.getPayload(), creator, envelope.getSignature()).verify()) {
            throw new Invalid(BAD_CREATOR_SIGNATURE);
        }
    }

    /** validateEndorserTransaction: one action, a valid action header, and the proposal hash the endorsers signed. */
    private static Transaction endorserTransaction(Payload payload) {
        Transaction transaction = parse(Transaction.parser(), payload.getData(), INVALID_ENDORSER_TRANSACTION);
        if (transaction.getActionsCount() != 1) {
            throw new Invalid(INVALID_ENDORSER_TRANSACTION);
        }
        TransactionAction action = transaction.getActions(0);
        SignatureHeader actionHeader = parse(SignatureHeader.parser(), action.getHeader(), INVALID_ENDORSER_TRANSACTION);
        requireSignatureHeader(actionHeader, INVALID_ENDORSER_TRANSACTION);
        ChaincodeActionPayload actionPayload = parse(ChaincodeActionPayload.parser(), action.getPayload(), INVALID_ENDORSER_TRANSACTION);
        ProposalResponsePayload responsePayload = parse(ProposalResponsePayload.parser(),
                actionPayload.getAction().getProposalResponsePayload(), INVALID_ENDORSER_TRANSACTION);
        ChaincodeProposalPayload proposalPayload = parse(ChaincodeProposalPayload.parser(),
                actionPayload.getChaincodeProposalPayload(), INVALID_ENDORSER_TRANSACTION);
        ByteString hash = ProposalHashes.of(payload.getHeader().getChannelHeader(), action.getHeader(), proposalPayload);
        if (!hash.equals(responsePayload.getProposalHash())) {
            throw new Invalid(INVALID_ENDORSER_TRANSACTION);
        }
        return transaction;
    }

    /** The plugin dispatcher: the chaincode action, its read-write sets, and the endorsement policies. */
    private static ValidatedTransaction dispatch(int index, String txId, int type, Instant timestamp, ChannelHeader channelHeader,
            Transaction transaction, ChannelConfig config, EndorsementPolicies policies, WorldState state) {
        ChaincodeHeaderExtension extension = parse(ChaincodeHeaderExtension.parser(), channelHeader.getExtension(), BAD_HEADER_EXTENSION);
        ChaincodeActionPayload actionPayload = parse(ChaincodeActionPayload.parser(), transaction.getActions(0).getPayload(),
                BAD_RESPONSE_PAYLOAD);
        ByteString responsePayloadBytes = actionPayload.getAction().getProposalResponsePayload();
        ProposalResponsePayload responsePayload = parse(ProposalResponsePayload.parser(), responsePayloadBytes, BAD_RESPONSE_PAYLOAD);
        ChaincodeAction action = parse(ChaincodeAction.parser(), responsePayload.getExtension(), BAD_RESPONSE_PAYLOAD);
        TxReadWriteSet txRwSet = parse(TxReadWriteSet.parser(), action.getResults(), BAD_RWSET);
        List<NamespaceRwSet> rwsets = new ArrayList<>();
        for (NsReadWriteSet ns : txRwSet.getNsRwsetList()) {
            List<NamespaceRwSet.CollectionRwSet> collections = new ArrayList<>();
            for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                collections.add(new NamespaceRwSet.CollectionRwSet(collection.getCollectionName(),
                        parse(HashedRWSet.parser(), collection.getHashedRwset(), BAD_RWSET), collection.getPvtRwsetHash()));
            }
            rwsets.add(new NamespaceRwSet(ns.getNamespace(), parse(KVRWSet.parser(), ns.getRwset(), BAD_RWSET), collections));
        }
        if (!extension.hasChaincodeId() || !action.hasChaincodeId()) {
            throw new Invalid(INVALID_OTHER_REASON);
        }
        String chaincode = extension.getChaincodeId().getName();
        if (chaincode.isEmpty() || !chaincode.equals(action.getChaincodeId().getName()) || action.getChaincodeId().getVersion().isEmpty()) {
            throw new Invalid(INVALID_CHAINCODE);
        }
        Optional<ChaincodeEvent> event = Optional.empty();
        if (!action.getEvents().isEmpty()) {
            ChaincodeEvent chaincodeEvent = parse(ChaincodeEvent.parser(), action.getEvents(), INVALID_OTHER_REASON);
            if (!chaincodeEvent.getChaincodeId().equals(chaincode)) {
                throw new Invalid(INVALID_OTHER_REASON);
            }
            event = Optional.of(chaincodeEvent);
        }
        Set<String> written = new LinkedHashSet<>();
        written.add(chaincode);
        Set<String> seen = new HashSet<>();
        for (NamespaceRwSet ns : rwsets) {
            if (!seen.add(ns.namespace())) {
                throw new Invalid(ILLEGAL_WRITESET);
            }
            if (ns.writes()) {
                written.add(ns.namespace());
            }
        }
        List<SignedData> endorsements = endorsements(responsePayloadBytes, actionPayload.getAction().getEndorsementsList());
        var signers = config.msps().verifiedSigners(endorsements);
        for (String namespace : written) {
            // statebased.KeyLevelValidator: every write under its key's policy (the namespace's when none),
            // collection writes under the collection's, and the namespace's policy when no write checked any (FAB-9473).
            Policy namespacePolicy = policies.forNamespace(namespace, config, state).orElseThrow(() -> new Invalid(INVALID_CHAINCODE));
            Set<Policy> toCheck = new LinkedHashSet<>();
            rwsets.stream().filter(ns -> ns.namespace().equals(namespace))
                    .flatMap(ns -> ns.rwset().getWritesList().stream())
                    .forEach(write -> toCheck.add(policies.forKey(namespace, write.getKey(), config).orElse(namespacePolicy)));
            rwsets.stream().filter(ns -> ns.namespace().equals(namespace))
                    .flatMap(ns -> ns.collections().stream())
                    .filter(c -> c.hashed().getHashedWritesCount() > 0 || c.hashed().getMetadataWritesCount() > 0)
                    .forEach(c -> toCheck.add(policies.forCollection(namespace, c.collection(), config, state).orElse(namespacePolicy)));
            if (toCheck.isEmpty()) {
                toCheck.add(namespacePolicy);
            }
            for (Policy policy : toCheck) {
                if (!policy.evaluate(signers)) {
                    throw new Invalid(ENDORSEMENT_POLICY_FAILURE);
                }
            }
        }
        return new ValidatedTransaction(index, txId, type, TxValidationCode.VALID, timestamp, List.copyOf(rwsets), Optional.empty(), event);
    }

    /** Endorsers sign the response payload followed by their identity; unreadable endorsers count for nothing. */
    private static List<SignedData> endorsements(ByteString responsePayload, List<Endorsement> endorsements) {
        List<SignedData> signed = new ArrayList<>();
        for (Endorsement endorsement : endorsements) {
            try {
                signed.add(new SignedData(responsePayload.concat(endorsement.getEndorser()),
                        FabricIdentity.fromSerialized(endorsement.getEndorser()), endorsement.getSignature()));
            } catch (IdentityException e) {
                // SignatureSetToValidIdentities drops identities it cannot deserialize.
            }
        }
        return signed;
    }

    private static <T> T parse(Parser<T> parser, ByteString bytes, TxValidationCode code) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new Invalid(code);
        }
    }

    /** Ends validation with a code; never leaves this class. */
    private static final class Invalid extends RuntimeException {
        private final TxValidationCode code;

        Invalid(TxValidationCode code) {
            super(code.name(), null, false, false);
            this.code = code;
        }
    }

}
