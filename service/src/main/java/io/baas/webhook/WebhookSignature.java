package io.baas.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery proves it comes from the platform: for each enabled key of the application,
 * HMAC-SHA256 with its secret over {@code KSB-WEBHOOK}, the delivery's time and the body's SHA-256
 * (hex), joined by newlines; sent as {@code X-Ksb-Signature: t=<time>, <access key ID>=<hex>, ...}.
 * A receiver checks the one of the key it holds, so rotating keys breaks no receiver.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Ksb-Signature";

    private WebhookSignature() {
    }

    public static String header(String time, byte[] body, Map<String, byte[]> secrets) {
        StringJoiner header = new StringJoiner(", ").add("t=" + time);
        secrets.forEach((accessKeyId, secret) -> header.add(accessKeyId + "=" + sign(secret, time, body)));
        return header.toString();
    }

    public static String sign(byte[] secret, String time, byte[] body) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("KSB-WEBHOOK\n" + time + "\n" + digest).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every JDK", e);
        }
    }
}
