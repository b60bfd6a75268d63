package io.baas.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

    // The generator reads descriptions from properties only; spec and status are the base class's.
    @Override
    @JsonPropertyDescription("The organization's identity on the platform and where its certificates come from.")
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The organization's public CA chains and state, written only by the service.")
    public Status getStatus() {
        return super.getStatus();
    }

    public static class Spec {
        /** The KubeSphere workspace that owns the organization; its admins are the organization's admins. */
        @JsonPropertyDescription("The KubeSphere workspace that owns the organization; the workspace's admins are the organization's admins.")
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        @PrinterColumn(name = "Workspace")
        public String workspace;
        @JsonPropertyDescription("The Fabric MSP ID, unique on the platform (letters, digits, '.', '_', '-'; at most 64 characters); it names the organization in policies, e.g. Org1MSP.")
        @Required
        @Pattern(BaasResource.MSP_ID)
        @PrinterColumn(name = "MSP ID")
        public String mspId;
        /** cryptogen's Domain: the CAs are ca.<domain> and tlsca.<domain>. */
        @JsonPropertyDescription("The organization's domain, as cryptogen's Domain: its CAs are ca.<domain> and tlsca.<domain>.")
        @Required
        public String domain;
        @JsonPropertyDescription("A human-readable name for consoles; not used by Fabric.")
        public String displayName;
        @JsonPropertyDescription("Where certificates come from: BuiltIn (default), the platform's own signing and TLS CAs; External, an existing Fabric CA given in externalCa, whose registrar only the API can enroll (one applied with kubectl alone is Degraded, ExternalCaNotEnrolled).")
        public CaMode caMode = CaMode.BUILT_IN;
        /** With caMode External: where the Fabric CA is. Its TLS trust and the registrar's enrollment are in the Secret <name>-ca. */
        @JsonPropertyDescription("With caMode External: where the existing Fabric CA is. Its TLS trust and the registrar's enrollment are kept in the Secret <name>-ca, not here.")
        public ExternalCa externalCa;
    }

    /** The organization's existing Fabric CA, as far as anyone may see it (nothing secret). */
    public static class ExternalCa {
        /** https://host:port of the Fabric CA server. */
        @JsonPropertyDescription("https://host:port of the Fabric CA server.")
        public String url;
        /** The CA of the server that issues signing certificates; unset: its default CA. */
        @JsonPropertyDescription("The CA name on that server that issues signing certificates; the server's default CA when unset.")
        public String caName;
        /** The CA of the server that issues TLS certificates; unset: caName's, with its tls profile. */
        @JsonPropertyDescription("The CA name on that server that issues TLS certificates; when unset, caName's CA with its tls profile.")
        public String tlsCaName;
    }

    /** BuiltIn: the platform's own CAs. External: an existing Fabric CA (enroll and register through it). */
    public enum CaMode {
        @JsonProperty("BuiltIn") BUILT_IN,
        @JsonProperty("External") EXTERNAL
    }

    public static class Status implements ObservedStatus {
        @JsonPropertyDescription("Ready when the CAs exist and the status carries their chains; Deleting while a deleted organization is still a consortium member; Degraded when the last pass failed (the conditions say why).")
        @PrinterColumn(name = "Phase")
        public Phase phase;
        /** PEM of the signing CA chain, the CA first. */
        @JsonPropertyDescription("PEM of the signing CA chain, the issuing CA first; other organizations and channels trust the organization's identities through it.")
        public String caCertificate;
        /** PEM of the TLS CA chain, the CA first. */
        @JsonPropertyDescription("PEM of the TLS CA chain, the issuing CA first; clients and nodes trust the organization's TLS certificates through it.")
        public String tlsCaCertificate;
        @JsonPropertyDescription("When the earlier of the signing and TLS CA certificates expires (an ISO-8601 instant).")
        public String caNotAfter;
        @JsonPropertyDescription("The metadata.generation of the spec the last pass acted on.")
        public Long observedGeneration;

        @Override
        public void observe(long generation) {
            observedGeneration = generation;
        }

        /** The phases of the status, as written (kubectl and the console show these words). */
        public enum Phase {
            @JsonProperty("Ready")
            READY,
            @JsonProperty("Deleting")
            DELETING,
            @JsonProperty("Degraded")
            DEGRADED;
        }

        @JsonPropertyDescription("Ready, Progressing and Degraded conditions with reasons, as the last pass found the organization.")
        public java.util.List<Condition> conditions = new java.util.ArrayList<>();
    }
}
