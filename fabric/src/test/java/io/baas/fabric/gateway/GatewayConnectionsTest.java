package io.baas.fabric.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.pki.CertificateAuthority;
import io.baas.pki.SubjectTemplate;
import io.baas.pki.ValidityPolicy;
import io.grpc.ManagedChannel;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayConnectionsTest {

    private static X509Certificate ca(String domain) {
        return CertificateAuthority.createRoot(SubjectTemplate.NONE.caSubject(domain, "tlsca." + domain),
                Clock.systemUTC(), ValidityPolicy.DEFAULT).certificate();
    }

    @Test
    void aConnectionIsSharedOnlyByCallersThatTrustTheSameCas() {
        X509Certificate first = ca("one.example");
        X509Certificate second = ca("two.example");
        try (GatewayConnections connections = new GatewayConnections()) {
            ManagedChannel a = connections.channel(new GatewayPeer("127.0.0.1", 7051, List.of(first)));
            ManagedChannel again = connections.channel(new GatewayPeer("127.0.0.1", 7051, List.of(first)));
            ManagedChannel other = connections.channel(new GatewayPeer("127.0.0.1", 7051, List.of(second)));
            assertThat(again).isSameAs(a);
            assertThat(other).isNotSameAs(a);
            assertThat(GatewayConnections.key(new GatewayPeer("127.0.0.1", 7051, List.of(first))))
                    .matches("127\\.0\\.0\\.1:7051\\|[0-9a-f]{64}");
        }
    }

    @Test
    void aNodeThatIsGoneLosesItsConnectionsAndOnlyThose() {
        X509Certificate first = ca("one.example");
        try (GatewayConnections connections = new GatewayConnections()) {
            ManagedChannel gone = connections.channel(new GatewayPeer("127.0.0.1", 7051, List.of(first)));
            ManagedChannel kept = connections.channel(new GatewayPeer("127.0.0.1", 7052, List.of(first)));
            connections.evict("127.0.0.1:7051");
            assertThat(gone.isShutdown()).isTrue();
            assertThat(kept.isShutdown()).isFalse();
            assertThat(connections.size()).isEqualTo(1);
            assertThat(connections.channel(new GatewayPeer("127.0.0.1", 7051, List.of(first)))).isNotSameAs(gone);
        }
    }
}
