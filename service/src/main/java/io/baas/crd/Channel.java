package io.baas.crd;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Fabric channel of a consortium, in the leader's consortium namespace. Policies default to
 * configtxgen's; batch settings to Fabric's sample values.
 */
@Group(BaasResource.GROUP)
@Version(BaasResource.VERSION)
@Kind("Channel")
@Plural("channels")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@ShortNames("ch")
public class Channel extends CustomResource<Channel.Spec, Channel.Status> implements Namespaced {

    public static class Spec {
        /** Fabric's channel name rule: lower case, starts with a letter, at most 249 characters. */
        @Required
        @Pattern("^[a-z][a-z0-9.-]{0,248}$")
        @PrinterColumn(name = "Channel ID")
        public String channelId;
        @Required
        @Pattern(BaasResource.DNS_LABEL)
        public String consortium;
        /** Application organizations (by Organization name). */
        @Required
        @Size(min = 1)
        public List<String> organizations = new ArrayList<>();
        /** Organizations whose orderer nodes serve the channel; the consortium's ordering service when empty. */
        public List<String> ordererOrganizations = new ArrayList<>();
        /** Anchor peers per organization (PeerNode names). */
        public Map<String, List<String>> anchorPeers;
        public Batch batch;
        /** Policy overrides by path (e.g. "Application/Endorsement": "MAJORITY Endorsement"). */
        public Map<String, String> policies;
    }

    public static class Batch {
        /** Go duration, e.g. 2s. */
        @Pattern("^[0-9]+(ms|s|m)$")
        public String timeout = "2s";
        @Min(1)
        @Max(10000)
        public Integer maxMessageCount = 10;
        @Min(1024)
        public Long absoluteMaxBytes = 99L * 1024 * 1024;
        @Min(1024)
        public Long preferredMaxBytes = 512L * 1024;
    }

    public static class Status {
        @PrinterColumn(name = "Phase")
        public String phase;
        @PrinterColumn(name = "Height")
        public Long height;
        public Long configSequence;
        public List<String> orderersJoined = new ArrayList<>();
        public List<String> peersJoined = new ArrayList<>();
        public Long observedGeneration;
        public List<Condition> conditions = new ArrayList<>();
    }
}
