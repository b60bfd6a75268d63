package io.baas.k8s.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class ChaincodeServerBuilderTest {

    static final ChaincodeServerBuilder.Inputs TLS = new ChaincodeServerBuilder.Inputs("bank-a", "trade-bank-a", "notarization-1-0",
            9999, "notarization_1.0:abc123", "registry.example/notarization:1.0", 2, true);

    @Test
    void theServerRunsThePackageAsItsChaincodeIdBehindTheNameThePeersDial() {
        ChaincodeServerBuilder.Objects objects = ChaincodeServerBuilder.build(TLS, TestPlatform.SETTINGS);
        Deployment deployment = objects.deployment();
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("trade-bank-a");
        assertThat(deployment.getMetadata().getName()).isEqualTo("notarization-1-0");
        assertThat(deployment.getMetadata().getOwnerReferences()).as("its Chaincode lives in another namespace").isEmpty();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "chaincode-server").containsEntry("app.kubernetes.io/instance", "notarization-1-0");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/notarization:1.0");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999"),
                org.assertj.core.groups.Tuple.tuple("CORE_CHAINCODE_ID_NAME", "notarization_1.0:abc123"),
                org.assertj.core.groups.Tuple.tuple("CHAINCODE_TLS_DISABLED", "false"),
                org.assertj.core.groups.Tuple.tuple("CHAINCODE_TLS_CERT", "/var/hyperledger/chaincode/tls/tls.crt"),
                org.assertj.core.groups.Tuple.tuple("CHAINCODE_TLS_KEY", "/var/hyperledger/chaincode/tls/tls.key"));
        assertThat(container.getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/var/hyperledger/chaincode/tls");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9999);
        assertThat(objects.service().getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(objects.service().getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(9999);
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(9999);
        });
    }

    @Test
    void aPlainTextServerHasNoTlsFilesOrVolume() {
        ChaincodeServerBuilder.Inputs plain = new ChaincodeServerBuilder.Inputs("bank-a", "trade-bank-a", "notarization-1-0",
                9999, "notarization_1.0:abc123", "img", 1, false);
        Deployment deployment = ChaincodeServerBuilder.build(plain, TestPlatform.SETTINGS).deployment();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("CHAINCODE_TLS_CERT", "CHAINCODE_TLS_KEY");
        assertThat(container.getVolumeMounts()).isEmpty();
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
    }

    @Test
    void theTlsCertificatesSerialIsOnThePodTemplateSoARenewedOneRollsThePods() {
        assertThat(ChaincodeServerBuilder.build(TLS, TestPlatform.SETTINGS, "1f2e").deployment().getSpec().getTemplate().getMetadata()
                .getAnnotations()).containsExactly(java.util.Map.entry(ChaincodeServerBuilder.TLS_SERIAL_ANNOTATION, "1f2e"));
        assertThat(ChaincodeServerBuilder.build(TLS, TestPlatform.SETTINGS).deployment().getSpec().getTemplate().getMetadata()
                .getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theServerPodPassesPodSecurityRestrictedWithOrWithoutTls() {
        ChaincodeServerBuilder.Inputs plain = new ChaincodeServerBuilder.Inputs("bank-a", "trade-bank-a", "notarization-1-0",
                9999, "notarization_1.0:abc123", "img", 1, false);
        for (ChaincodeServerBuilder.Inputs inputs : java.util.List.of(TLS, plain)) {
            io.fabric8.kubernetes.api.model.PodSpec pod = ChaincodeServerBuilder.build(inputs, TestPlatform.SETTINGS).deployment()
                    .getSpec().getTemplate().getSpec();
            assertThat(io.baas.support.PodSecurityRestricted.check(pod)).as("tls " + inputs.tls()).isEmpty();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
    }
}
