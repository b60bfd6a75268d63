package io.baas.iam.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.config.BaasConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.baas.k8s.Handlers;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The jwtSecret that KubeSphere signs access tokens with. Configured explicitly, or followed in the
 * cluster: ConfigMap {@code kubesphere-system/kubesphere-config} key {@code kubesphere.yaml}
 * ({@code authentication.issuer.jwtSecret} on 4.x, {@code authentication.jwtSecret} on 3.x), else
 * Secret {@code kubesphere-system/kubesphere-secret} key {@code secret}. Watched, so a rotated secret
 * takes effect without a restart.
 */
@Singleton
public class JwtSecretSource {

    private static final Logger LOG = Logger.getLogger(JwtSecretSource.class);
    static final String NAMESPACE = "kubesphere-system";
    static final String CONFIG_MAP = "kubesphere-config";
    static final String CONFIG_KEY = "kubesphere.yaml";
    static final String SECRET = "kubesphere-secret";
    static final String SECRET_KEY = "secret";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final BaasConfig config;
    private final KubernetesClient client;
    private final AtomicReference<byte[]> fromConfigMap = new AtomicReference<>();
    private final AtomicReference<byte[]> fromSecret = new AtomicReference<>();
    private SharedIndexInformer<ConfigMap> configMapInformer;
    private SharedIndexInformer<Secret> secretInformer;

    JwtSecretSource(BaasConfig config, KubernetesClient client) {
        this.config = config;
        this.client = client;
    }

    public Optional<byte[]> current() {
        Optional<String> configured = config.iam().jwtSecret().filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.map(s -> s.getBytes(StandardCharsets.UTF_8));
        }
        byte[] secret = fromConfigMap.get();
        return Optional.ofNullable(secret != null ? secret : fromSecret.get());
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        if (config.iam().jwtSecret().filter(s -> !s.isEmpty()).isPresent()) {
            LOG.info("Verifying KubeSphere tokens with the configured jwtSecret (baas.iam.jwt-secret).");
            return;
        }
        LOG.infof("Following the KubeSphere jwtSecret in %s/%s and %s/%s.", NAMESPACE, CONFIG_MAP, NAMESPACE, SECRET);
        configMapInformer = client.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP)
                .inform(Handlers.onChange(cm -> fromConfigMap.set(fromKubesphereYaml(cm)), cm -> fromConfigMap.set(null)));
        secretInformer = client.secrets().inNamespace(NAMESPACE).withName(SECRET)
                .inform(Handlers.onChange(s -> fromSecret.set(fromSecretData(s)), s -> fromSecret.set(null)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (configMapInformer != null) {
            configMapInformer.close();
        }
        if (secretInformer != null) {
            secretInformer.close();
        }
    }

    /** The jwtSecret inside kubesphere.yaml, either layout; null when absent or unreadable. */
    static byte[] fromKubesphereYaml(ConfigMap configMap) {
        String yaml = configMap.getData() == null ? null : configMap.getData().get(CONFIG_KEY);
        if (yaml == null) {
            return null;
        }
        try {
            JsonNode authentication = YAML.readTree(yaml).path("authentication");
            String secret = authentication.path("issuer").path("jwtSecret").asText("");
            if (secret.isEmpty()) {
                secret = authentication.path("jwtSecret").asText("");
            }
            return secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("%s/%s key %s is not valid YAML; ignoring it.", NAMESPACE, CONFIG_MAP, CONFIG_KEY);
            return null;
        }
    }

    static byte[] fromSecretData(Secret secret) {
        String encoded = secret.getData() == null ? null : secret.getData().get(SECRET_KEY);
        return encoded == null || encoded.isEmpty() ? null : Base64.getDecoder().decode(encoded);
    }
}
