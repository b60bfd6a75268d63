package io.baas.fabric.chaincode;

import static io.baas.fabric.chaincode.ChaincodePackageException.Reason.INVALID_CONNECTION;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code connection.json} that Fabric's {@code ccaas} builder reads: where the chaincode
 * server listens and how to reach it. Values may be templates such as {@code {{.peername}}},
 * which the builder fills from CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG on each peer.
 *
 * @param dialTimeout a Go duration such as {@code 10s}
 * @param tls absent for a plain-text chaincode server
 */
public record CcaasConnection(String address, String dialTimeout, Optional<Tls> tls) {

    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+");

    /** PEM material the peer uses to reach the chaincode server over TLS. */
    public record Tls(String rootCert, Optional<ClientAuth> clientAuth) {
    }

    /** The peer's client certificate and key, when the chaincode server requires client auth. */
    public record ClientAuth(String clientCert, String clientKey) {
    }

    public CcaasConnection {
        if (address == null || address.isBlank()) {
            throw new ChaincodePackageException(INVALID_CONNECTION, "connection address is required");
        }
        if (dialTimeout == null || !GO_DURATION.matcher(dialTimeout).matches()) {
            throw new ChaincodePackageException(INVALID_CONNECTION,
                    "dial timeout must be a Go duration such as 10s, was " + dialTimeout);
        }
    }

    public static CcaasConnection plain(String address, String dialTimeout) {
        return new CcaasConnection(address, dialTimeout, Optional.empty());
    }

    /** The file's text; the field order follows the Fabric samples. */
    String toJson() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("address", address);
        members.put("dial_timeout", dialTimeout);
        members.put("tls_required", tls.isPresent());
        tls.ifPresent(settings -> {
            members.put("client_auth_required", settings.clientAuth().isPresent());
            settings.clientAuth().ifPresent(auth -> {
                members.put("client_key", auth.clientKey());
                members.put("client_cert", auth.clientCert());
            });
            members.put("root_cert", settings.rootCert());
        });
        return JsonText.object(members);
    }
}
