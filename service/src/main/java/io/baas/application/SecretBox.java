package io.baas.application;

import io.baas.config.BaasConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals application secrets for the database with AES-256-GCM under one data key, which lives only
 * in a Kubernetes Secret of the service's namespace: a copy of the database alone reveals no secret.
 * The first replica to need the key makes it; one that loses that race reads the winner's. A sealed
 * secret is bound to its access key ID (the GCM associated data), so rows cannot be swapped.
 */
@ApplicationScoped
public class SecretBox {

    static final String SECRET_NAME = "ks-baas-open-api-data-key";
    static final String KEY_FIELD = "aes-256-gcm";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KubernetesClient client;
    private final String namespace;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey dataKey;

    SecretBox(KubernetesClient client, BaasConfig config) {
        this.client = client;
        this.namespace = config.kubernetes().namespace();
    }

    public byte[] seal(String accessKeyId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, accessKeyId, plain, 0, plain.length);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    public byte[] open(String accessKeyId, byte[] sealed) {
        byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, nonce, accessKeyId, sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private byte[] crypt(int mode, byte[] nonce, String accessKeyId, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, dataKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accessKeyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            // A tag that does not verify: the row was altered, or sealed under another data key.
            throw new IllegalStateException("The sealed secret of access key " + accessKeyId + " does not open", e);
        }
    }

    private SecretKey dataKey() {
        SecretKey key = dataKey;
        if (key == null) {
            synchronized (this) {
                if (dataKey == null) {
                    dataKey = new SecretKeySpec(readOrCreate(), "AES");
                }
                key = dataKey;
            }
        }
        return key;
    }

    private byte[] readOrCreate() {
        Secret existing = client.secrets().inNamespace(namespace).withName(SECRET_NAME).get();
        if (existing != null) {
            return read(existing);
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Secret secret = new SecretBuilder().withNewMetadata().withName(SECRET_NAME).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "ks-baas").endMetadata()
                .withType("Opaque").withData(Map.of(KEY_FIELD, Base64.getEncoder().encodeToString(fresh))).build();
        try {
            client.secrets().resource(secret).create();
            return fresh;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return read(client.secrets().inNamespace(namespace).withName(SECRET_NAME).get());
        }
    }

    private static byte[] read(Secret secret) {
        String encoded = secret.getData() == null ? null : secret.getData().get(KEY_FIELD);
        byte[] key = encoded == null ? new byte[0] : Base64.getDecoder().decode(encoded);
        if (key.length != 32) {
            throw new IllegalStateException("Secret " + SECRET_NAME + " holds no 32-byte " + KEY_FIELD + " key");
        }
        return key;
    }
}
