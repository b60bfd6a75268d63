package io.baas.fabric.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Recursive-descent parser for the policy language of Fabric's policydsl. Like Fabric it gives
 * every principal occurrence its own identity entry (no deduplication), so the envelopes come out
 * equal to the ones Fabric builds from the same text.
 */
final class SignaturePolicyParser {

    private static final Pattern PRINCIPAL = Pattern.compile("([A-Za-z0-9.-]+)\\.(admin|member|client|peer|orderer)");
    private static final Map<String, MSPRole.MSPRoleType> ROLES = Map.of(
            "admin", MSPRole.MSPRoleType.ADMIN,
            "member", MSPRole.MSPRoleType.MEMBER,
            "client", MSPRole.MSPRoleType.CLIENT,
            "peer", MSPRole.MSPRoleType.PEER,
            "orderer", MSPRole.MSPRoleType.ORDERER);

    private enum Gate { AND, OR, OUT_OF }

    private static final Map<String, Gate> GATES = Map.of(
            "And", Gate.AND, "and", Gate.AND, "AND", Gate.AND,
            "Or", Gate.OR, "or", Gate.OR, "OR", Gate.OR,
            "OutOf", Gate.OUT_OF, "outof", Gate.OUT_OF, "OUTOF", Gate.OUT_OF);

    private final String text;
    private final List<MSPPrincipal> identities = new ArrayList<>();
    private int position;

    private SignaturePolicyParser(String text) {
        this.text = text;
    }

    static SignaturePolicyEnvelope parse(String text) {
        SignaturePolicyParser parser = new SignaturePolicyParser(text);
        SignaturePolicy rule = parser.gate();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the policy");
        }
        return SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(rule).addAllIdentities(parser.identities).build();
    }

    private SignaturePolicy gate() {
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        String name = text.substring(start, position);
        Gate gate = GATES.get(name);
        if (gate == null) {
            position = start;
            throw error(name.isEmpty() ? "expected AND, OR or OutOf" : "unknown gate '" + name + "'");
        }
        expect('(');
        int threshold = gate == Gate.OUT_OF ? threshold() : -1;
        List<SignaturePolicy> rules = new ArrayList<>();
        do {
            rules.add(rule());
        } while (consume(','));
        expect(')');
        int n = switch (gate) {
            case AND -> rules.size();
            case OR -> 1;
            case OUT_OF -> threshold;
        };
        // Fabric accepts up to n+1 (an unsatisfiable gate), so a text Fabric takes is taken here too.
        if (n > rules.size() + 1) {
            throw error("OutOf(" + n + ", ...) has only " + rules.size() + " rules");
        }
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(rules))
                .build();
    }

    private int threshold() {
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw error("OutOf needs a number first");
        }
        int n = Integer.parseInt(text.substring(start, position));
        expect(',');
        return n;
    }

    private SignaturePolicy rule() {
        skipSpaces();
        if (position < text.length() && (text.charAt(position) == '\'' || text.charAt(position) == '"')) {
            return principal();
        }
        return gate();
    }

    private SignaturePolicy principal() {
        char quote = text.charAt(position++);
        int end = text.indexOf(quote, position);
        if (end < 0) {
            throw error("unterminated principal");
        }
        String principal = text.substring(position, end);
        Matcher matcher = PRINCIPAL.matcher(principal);
        if (!matcher.matches()) {
            throw error("principal '" + principal + "' is not <MSP ID>.<admin|member|client|peer|orderer>");
        }
        position = end + 1;
        MSPRole role = MSPRole.newBuilder().setMspIdentifier(matcher.group(1)).setRole(ROLES.get(matcher.group(2))).build();
        identities.add(MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(role.toByteString())
                .build());
        return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private boolean consume(char c) {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private PolicyException error(String problem) {
        return new PolicyException(problem + " at position " + position + " of policy \"" + text + "\"");
    }
}
