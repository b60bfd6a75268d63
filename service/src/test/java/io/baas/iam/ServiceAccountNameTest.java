package io.baas.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name of a KubeSphere service account as ks-apiserver reads it, with hand-written cases. */
class ServiceAccountNameTest {

    @Test
    void exactlyFourPartsAfterTheKubeSpherePrefixNameAnAccount() {
        assertThat(ServiceAccountName.parse("kubesphere:serviceaccount:proj:bot")).contains(new ServiceAccountName("proj", "bot"));
        assertThat(ServiceAccountName.parse("kubesphere:serviceaccount:proj:bot:extra")).isEmpty();
        assertThat(ServiceAccountName.parse("kubesphere:serviceaccount:proj")).isEmpty();
        assertThat(ServiceAccountName.parse("system:serviceaccount:proj:bot")).isEmpty();
        assertThat(ServiceAccountName.parse("Kubesphere:serviceaccount:proj:bot")).isEmpty();
        assertThat(ServiceAccountName.parse("admin")).isEmpty();
        assertThat(ServiceAccountName.parse("")).isEmpty();
        assertThat(ServiceAccountName.parse(null)).isEmpty();
        // The shape alone decides, as in KubeSphere; whether such an account could exist is asked apart.
        assertThat(ServiceAccountName.parse("kubesphere:serviceaccount::")).contains(new ServiceAccountName("", ""));
    }

    @Test
    void onlyNamesKubernetesAcceptsCanBelongToAnAccount() {
        assertThat(new ServiceAccountName("proj", "bot").valid()).isTrue();
        assertThat(new ServiceAccountName("proj", "ci.deploy-bot").valid()).isTrue();
        assertThat(new ServiceAccountName("proj.a", "bot").valid()).isFalse();
        assertThat(new ServiceAccountName("", "bot").valid()).isFalse();
        assertThat(new ServiceAccountName("proj", "").valid()).isFalse();
        assertThat(new ServiceAccountName("proj", "Bot").valid()).isFalse();
        assertThat(new ServiceAccountName("proj", "bot/../x").valid()).isFalse();
        assertThat(new ServiceAccountName("p".repeat(64), "bot").valid()).isFalse();
        assertThat(new ServiceAccountName("proj", "b".repeat(254)).valid()).isFalse();
    }

    @Test
    void aSubjectNamesAnAccountOfItsGroupInItsNamespace() {
        assertThat(ServiceAccountName.subjectNames("kubesphere.io", "proj", "bot", "kubesphere:serviceaccount:proj:bot")).isTrue();
        assertThat(ServiceAccountName.subjectNames("kubesphere.io", "other", "bot", "kubesphere:serviceaccount:proj:bot")).isFalse();
        assertThat(ServiceAccountName.subjectNames("kubesphere.io", "proj", "bot", "system:serviceaccount:proj:bot")).isFalse();
        assertThat(ServiceAccountName.subjectNames("rbac.authorization.k8s.io", "proj", "bot", "system:serviceaccount:proj:bot")).isTrue();
        assertThat(ServiceAccountName.subjectNames("", "proj", "bot", "kubesphere:serviceaccount:proj:bot")).isFalse();
        assertThat(ServiceAccountName.subjectNames("iam.kubesphere.io", "proj", "bot", "kubesphere:serviceaccount:proj:bot")).isFalse();
        assertThat(ServiceAccountName.subjectNames("kubesphere.io", "", "bot", "kubesphere:serviceaccount::bot")).isFalse();
    }
}
