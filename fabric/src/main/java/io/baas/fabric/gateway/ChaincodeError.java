package io.baas.fabric.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chaincode's own refusal, read from what a peer said: Fabric's Gateway reports it as
 * "chaincode response STATUS, MESSAGE" and drops the response payload, so a chaincode that wants
 * programs to tell its refusals apart leads its message with a code ("EVIDENCE_NOT_FOUND: ..."),
 * as the built-in chaincodes do.
 *
 * @param status the chaincode's response status (500 for a shim ChaincodeException)
 * @param code   the leading upper-case code, when the message has one
 * @param message the message after the code
 */
public record ChaincodeError(int status, Optional<String> code, String message) {

    private static final Pattern RESPONSE = Pattern.compile("chaincode response (\\d{3}), (.*)", Pattern.DOTALL);
    private static final Pattern CODED = Pattern.compile("([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*): (.*)", Pattern.DOTALL);

    /** The chaincode error in a peer's message, or empty when the peer itself refused (access, policy, no such chaincode). */
    public static Optional<ChaincodeError> in(String peerMessage) {
        if (peerMessage == null) {
            return Optional.empty();
        }
        Matcher response = RESPONSE.matcher(peerMessage);
        if (!response.find()) {
            return Optional.empty();
        }
        int status = Integer.parseInt(response.group(1));
        String said = response.group(2);
        Matcher coded = CODED.matcher(said);
        return Optional.of(coded.matches() ? new ChaincodeError(status, Optional.of(coded.group(1)), coded.group(2))
                : new ChaincodeError(status, Optional.empty(), said));
    }

    /** "CODE: message", or the message alone. */
    @Override
    public String toString() {
        return code.map(c -> c + ": " + message).orElse(message);
    }
}
