package io.baas.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.pki.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Looks for every private key the platform holds (all key entries of all Secrets) in places keys
 * must never be: API answers other than exports, Kubernetes Events, ConfigMaps, custom resources,
 * and the service's log. Each key is searched as PEM/base64 DER, hex DER and its hex scalar.
 */
public final class KeyLeakScanner {

    private static final Path LOG = Path.of("target/quarkus-test.log");

    private KeyLeakScanner() {
    }

    public static void assertNoKeyLeaks(KubernetesClient client, List<String> apiAnswers) {
        List<String> needles = new ArrayList<>();
        for (Secret secret : client.secrets().inAnyNamespace().list().getItems()) {
            Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
            data.forEach((name, value) -> {
                String text = new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
                if (text.contains("PRIVATE KEY")) {
                    needles.addAll(encodings(Pem.privateKey(text)));
                }
            });
        }
        assertThat(needles).as("the suite created keys to look for").isNotEmpty();

        List<String> haystacks = new ArrayList<>(apiAnswers);
        client.v1().events().inAnyNamespace().list().getItems().forEach(e -> haystacks.add(Serialization.asJson(e)));
        client.configMaps().inAnyNamespace().list().getItems().forEach(c -> haystacks.add(Serialization.asJson(c)));
        client.genericKubernetesResources("baas.io/v1", "Organization").list().getItems()
                .forEach(o -> haystacks.add(Serialization.asJson(o)));
        try {
            if (Files.exists(LOG)) {
                haystacks.add(Files.readString(LOG));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(haystacks).as("answers, events, config maps, resources and logs").isNotEmpty();
        for (String haystack : haystacks) {
            String flat = haystack.replace("\\n", "").replace("\n", "").replace("\r", "");
            for (String needle : needles) {
                assertThat(flat).as("a private key leaked").doesNotContainIgnoringCase(needle);
            }
        }
    }

    /** Distinctive pieces of a key in the forms it could leak in: base64 DER (as in PEM), hex DER, hex scalar. */
    static List<String> encodings(PrivateKey key) {
        byte[] der = key.getEncoded();
        String base64 = Base64.getEncoder().encodeToString(der);
        String hex = HexFormat.of().formatHex(der);
        List<String> forms = new ArrayList<>();
        // The DER prefix is the same for every P-256 key; the tail holds the secret scalar.
        forms.add(base64.substring(base64.length() - 48));
        forms.add(hex.substring(hex.length() - 64));
        if (key instanceof ECPrivateKey ec) {
            String scalar = ec.getS().toString(16);
            forms.add(scalar.length() > 40 ? scalar.substring(0, 40) : scalar);
        }
        return forms;
    }
}
