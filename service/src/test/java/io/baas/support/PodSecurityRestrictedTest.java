package io.baas.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

/** The checker finds what Pod Security admission would refuse, and passes what it admits. */
class PodSecurityRestrictedTest {

    @Test
    void aContainerWithNoSecurityContextBreaksEveryContainerLevelControl() {
        PodSpec pod = new PodSpecBuilder().addNewContainer().withName("peer").withImage("hyperledger/fabric-peer:2.5.5").endContainer().build();
        assertThat(PodSecurityRestricted.check(pod)).containsExactlyInAnyOrder(
                "container peer: allowPrivilegeEscalation must be false",
                "container peer: runAsNonRoot must be true (in the container or the pod)",
                "container peer: seccompProfile.type must be RuntimeDefault or Localhost (in the container or the pod)",
                "container peer: capabilities.drop must include ALL");
    }

    @Test
    void baselineBreachesAreFoundToo() {
        PodSpec pod = new PodSpecBuilder().withHostNetwork(true)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(0L)
                .withNewSeccompProfile().withType("Unconfined").endSeccompProfile().endSecurityContext()
                .addNewVolume().withName("host").withNewHostPath().withPath("/var/lib").endHostPath().endVolume()
                .addNewContainer().withName("c").addNewPort().withContainerPort(80).withHostPort(80).endPort()
                .withNewSecurityContext().withPrivileged(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").addToAdd("NET_ADMIN").endCapabilities().endSecurityContext().endContainer()
                .build();
        assertThat(PodSecurityRestricted.check(pod)).containsExactlyInAnyOrder(
                "pod: host namespaces (hostNetwork, hostPID, hostIPC) must not be shared",
                "volume host: type hostPath is not allowed",
                "pod: runAsUser must not be 0",
                "pod: seccompProfile.type must be RuntimeDefault or Localhost",
                "container c: privileged must not be true",
                "container c: seccompProfile.type must be RuntimeDefault or Localhost (in the container or the pod)",
                "container c: capability NET_ADMIN must not be added",
                "container c: hostPort 80 must not be used");
    }

    @Test
    void podLevelSettingsCoverEveryContainer() {
        PodSpec pod = new PodSpecBuilder()
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer().withName("c").withNewSecurityContext().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext().endContainer()
                .build();
        assertThat(PodSecurityRestricted.check(pod)).isEmpty();
    }
}
