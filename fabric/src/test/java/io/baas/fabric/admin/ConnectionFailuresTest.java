package io.baas.fabric.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    @Test
    void aDeadNodeAndAnUntrustedOneAreToldApart() {
        var dead = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new ConnectException("Connection refused: /127.0.0.1:7051")).asRuntimeException();
        assertThat(ConnectionFailures.describe(dead, "127.0.0.1:7051"))
                .isEqualTo("nothing listens at 127.0.0.1:7051 (Connection refused: /127.0.0.1:7051)");

        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathValidatorException("signature check failed"));
        var untrusted = Status.UNAVAILABLE.withDescription("io exception").withCause(handshake).asRuntimeException();
        assertThat(ConnectionFailures.describe(untrusted, "peer0:7051"))
                .startsWith("the TLS certificate of peer0:7051 is not signed by the TLS CA given to trust it");

        var unknown = Status.UNAVAILABLE.withCause(new UnknownHostException("nowhere")).asRuntimeException();
        assertThat(ConnectionFailures.describe(unknown, "nowhere:1")).isEqualTo("the host of nowhere:1 is unknown");

        var other = Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
        assertThat(ConnectionFailures.describe(other, "x:1")).isEqualTo("UNAVAILABLE io exception");
    }
}
