package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("org")
public class Organization extends CustomResource<Organization.Spec, Organization.Status> {

    public static class Spec {
        /** The KubeSphere workspace that owns the organization; its admins are the organization's admins. */
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Workspace")
        public String workspace;
        @Required
        @Pattern(BaasResource.MSP_ID)
        @PrinterColumn(name = "MSP ID")
        public String mspId;
        /** cryptogen's Domain: the CAs are ca.<domain> and tlsca.<domain>. */
        @Required
        public String domain;
        public String displayName;
        public CaMode caMode = CaMode.BUILT_IN;
        /** With caMode External: where the Fabric CA is. Its TLS trust and the registrar's enrollment are in the Secret <name>-ca. */
        public ExternalCa externalCa;
    }

    /** The organization's existing Fabric CA, as far as anyone may see it (nothing secret). */
    public static class ExternalCa {
        /** https://host:port of the Fabric CA server. */
        public String url;
        /** The CA of the server that issues signing certificates; unset: its default CA. */
        public String caName;
        /** The CA of the server that issues TLS certificates; unset: caName's, with its tls profile. */
        public String tlsCaName;
    }

    /** BuiltIn: the platform's own CAs. External: an existing Fabric CA (enroll and register through it). */
    public enum CaMode {
        @JsonProperty("BuiltIn") BUILT_IN,
        @JsonProperty("External") EXTERNAL
    }

    public static class Status {
        @PrinterColumn(name = "Phase")
        public String phase;
        /** PEM of the signing CA chain, the CA first. */
        public String caCertificate;
        /** PEM of the TLS CA chain, the CA first. */
        public String tlsCaCertificate;
        public String caNotAfter;
        public Long observedGeneration;
        public java.util.List<Condition> conditions = new java.util.ArrayList<>();
    }
}
