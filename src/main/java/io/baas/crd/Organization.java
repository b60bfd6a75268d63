package io.baas.crd;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Fabric organization owned by one KubeSphere workspace. Cluster scope, so its name and MSP ID
 * are unique on the platform; its status carries the public CA certificates others need.
 */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("Organization")
@Plural("organizations")
@ShortNames("org")
public class Organization extends CustomResource<Organization.Spec, Organization.Status> {

    public static class Spec {
        /** The KubeSphere workspace that owns the organization; its admins are the organization's admins. */
        public String workspace;
        public String mspId;
        /** cryptogen's Domain: the CAs are ca.<domain> and tlsca.<domain>. */
        public String domain;
        public String displayName;
        /** BuiltIn: the platform's own CAs. External: an existing Fabric CA (enroll and register through it). */
        public String caMode = "BuiltIn";
    }

    public static class Status {
        public String phase;
        /** PEM of the signing CA chain, the CA first. */
        public String caCertificate;
        /** PEM of the TLS CA chain, the CA first. */
        public String tlsCaCertificate;
        public String caNotAfter;
    }
}
