package io.baas.livechannel;

import io.baas.crd.Chaincode;
import java.util.List;

/**
 * A chaincode on a channel as its organizations see it: the definition (version, sequence,
 * package, policy, collections) and where its lifecycle stands.
 *
 * @param phase AwaitingConsent, Deploying, Committed, Ready, ServersRunning or Degraded; null before the first pass
 * @param message what the last pass found (its Ready or Progressing condition's message)
 * @param server the chaincode server the service runs for the namespace's organization (its logs' name); null when none runs its package
 */
public record ChaincodeDeploymentView(String name, String channel, String channelId, String version, long sequence,
                                      Chaincode.PackageRef packageRef, String packageId, String endorsementPolicy,
                                      List<Chaincode.PrivateDataCollection> collections, String phase, boolean committed,
                                      List<String> installedOn, List<String> approvedBy, List<String> awaitingConsent, String message,
                                      String server) {

    /** @param servers the namespace organization's server names by the package ID they run */
    static ChaincodeDeploymentView of(String channel, Chaincode chaincode, java.util.Map<String, String> servers) {
        Chaincode.Spec spec = chaincode.getSpec();
        Chaincode.Status status = current(chaincode) ? chaincode.getStatus() : null;
        return new ChaincodeDeploymentView(spec.name, channel, spec.channel, spec.version, spec.sequence, spec.packageRef,
                status == null ? null : status.packageId, spec.endorsementPolicy, spec.collections == null ? List.of() : spec.collections,
                status == null || status.phase == null ? null : io.baas.crd.CamelCase.of(status.phase),
                status != null && Boolean.TRUE.equals(status.committed),
                status == null ? List.of() : status.installedOn, status == null ? List.of() : status.approvedBy,
                status == null ? List.of() : status.awaitingConsent, status == null ? null : message(status),
                status == null || status.packageId == null ? null : servers.get(status.packageId));
    }

    /** Whether the status describes this spec (a pass ran since it last changed). */
    static boolean current(Chaincode chaincode) {
        return chaincode.getStatus() != null && chaincode.getStatus().observedGeneration != null
                && chaincode.getStatus().observedGeneration.equals(chaincode.getMetadata().getGeneration());
    }

    /** Degraded says why it stopped, else Progressing what it waits for, else Ready what runs. */
    private static String message(Chaincode.Status status) {
        for (String type : List.of("Degraded", "Progressing", "Ready")) {
            for (io.baas.crd.Condition condition : status.conditions) {
                if (type.equals(condition.type) && "True".equals(condition.status) && condition.message != null) {
                    return condition.message;
                }
            }
        }
        return null;
    }
}
