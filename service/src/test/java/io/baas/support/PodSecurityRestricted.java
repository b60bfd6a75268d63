package io.baas.support;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes Pod Security Standard "restricted" (which includes "baseline"), as the API server's
 * Pod Security admission checks a pod spec: {@link #check} lists every control the spec breaks, in
 * words that name the container and field. An empty list means a namespace labelled
 * {@code pod-security.kubernetes.io/enforce: restricted} admits the pod.
 */
public final class PodSecurityRestricted {

    /** Volume types "restricted" allows; anything else (hostPath, nfs, ...) is refused. */
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    /** The only capability a "restricted" container may add. */
    private static final Set<String> ADDABLE = Set.of("NET_BIND_SERVICE");

    private PodSecurityRestricted() {
    }

    public static List<String> check(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("pod: host namespaces (hostNetwork, hostPID, hostIPC) must not be shared");
        }
        for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            String type = volumeType(volume);
            if (!VOLUME_TYPES.contains(type)) {
                violations.add("volume " + volume.getName() + ": type " + type + " is not allowed");
            }
        }
        if (Long.valueOf(0).equals(podContext.getRunAsUser())) {
            violations.add("pod: runAsUser must not be 0");
        }
        boolean podSeccomp = allowedSeccomp(podContext.getSeccompProfile());
        if (podContext.getSeccompProfile() != null && !podSeccomp) {
            violations.add("pod: seccompProfile.type must be RuntimeDefault or Localhost");
        }
        if (podContext.getSysctls() != null && !podContext.getSysctls().isEmpty()) {
            violations.add("pod: sysctls must not be set (only the safe set is allowed; this checker allows none)");
        }
        List<Container> containers = Stream.of(pod.getInitContainers(), pod.getContainers())
                .filter(list -> list != null).flatMap(List::stream).toList();
        if (containers.isEmpty()) {
            violations.add("pod: no containers");
        }
        for (Container container : containers) {
            String at = "container " + container.getName() + ": ";
            SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(at + "privileged must not be true");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(at + "allowPrivilegeEscalation must be false");
            }
            boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : Boolean.TRUE.equals(podContext.getRunAsNonRoot());
            if (!nonRoot) {
                violations.add(at + "runAsNonRoot must be true (in the container or the pod)");
            }
            if (Long.valueOf(0).equals(context.getRunAsUser())) {
                violations.add(at + "runAsUser must not be 0");
            }
            if (context.getSeccompProfile() != null ? !allowedSeccomp(context.getSeccompProfile()) : !podSeccomp) {
                violations.add(at + "seccompProfile.type must be RuntimeDefault or Localhost (in the container or the pod)");
            }
            Capabilities capabilities = context.getCapabilities();
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                violations.add(at + "capabilities.drop must include ALL");
            }
            if (capabilities != null && capabilities.getAdd() != null) {
                capabilities.getAdd().stream().filter(c -> !ADDABLE.contains(c))
                        .forEach(c -> violations.add(at + "capability " + c + " must not be added"));
            }
            if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
                violations.add(at + "procMount must be Default");
            }
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() != 0) {
                    violations.add(at + "hostPort " + port.getHostPort() + " must not be used");
                }
            }
        }
        return violations;
    }

    private static boolean allowedSeccomp(SeccompProfile profile) {
        return profile != null && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
    }

    private static String volumeType(Volume volume) {
        if (volume.getConfigMap() != null) return "configMap";
        if (volume.getCsi() != null) return "csi";
        if (volume.getDownwardAPI() != null) return "downwardAPI";
        if (volume.getEmptyDir() != null) return "emptyDir";
        if (volume.getEphemeral() != null) return "ephemeral";
        if (volume.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
        if (volume.getProjected() != null) return "projected";
        if (volume.getSecret() != null) return "secret";
        if (volume.getHostPath() != null) return "hostPath";
        return "other";
    }
}
