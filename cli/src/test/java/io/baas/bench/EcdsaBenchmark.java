package io.baas.bench;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * ECDSA P-256 as Fabric's nodes use it, one thread: microseconds per signature ({@link EcdsaSigner})
 * and per verification ({@link SignedData#verify}, the library's check with its low-S and strict DER
 * rules) of distinct 3 KiB messages, the size of an endorsed proposal response, then per verification
 * of the same signatures again (remembered). The first pass over each is the JIT's warm-up: run it
 * with enough rounds. Run by {@code bench/ecdsa.sh [rounds]} (docs/benchmarks.md); not a test.
 */
public final class EcdsaBenchmark {

    private EcdsaBenchmark() {
    }

    /** Sign, verify and verify again {@code count} distinct messages (salted apart from other runs): µs per operation. */
    private static double[] measure(EcdsaSigner signer, int count, int salt) {
        // Distinct messages: a signature verified once is remembered, and that is measured apart.
        SignedData[] signed = new SignedData[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[3 * 1024];
            bytes[0] = (byte) i;
            bytes[1] = (byte) (i >> 8);
            bytes[2] = (byte) (i >> 16);
            bytes[3] = (byte) salt;
            ByteString message = ByteString.copyFrom(bytes);
            signed[i] = new SignedData(message, signer.identity(), signer.sign(message));
        }
        double sign = (System.nanoTime() - start) / 1_000.0 / count;
        long valid = 0;
        start = System.nanoTime();
        for (SignedData data : signed) {
            valid += data.verify() ? 1 : 0;
        }
        double verify = (System.nanoTime() - start) / 1_000.0 / count;
        start = System.nanoTime();
        for (SignedData data : signed) {
            valid += data.verify() ? 1 : 0;
        }
        double again = (System.nanoTime() - start) / 1_000.0 / count;
        return new double[] {sign, verify, again, valid};
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=bench,O=bench");
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now()), Date.from(Instant.now().plusSeconds(3600)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        EcdsaSigner signer = new EcdsaSigner(FabricIdentity.of("BenchMSP", certificate), keys.getPrivate());
        measure(signer, rounds / 4, 1); // warm-up: the JIT compiles both paths
        double[] micros = measure(signer, rounds, 2);
        System.out.printf("%s; %d rounds of a 3 KiB message; %d cores%n", new Date(), rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf("| sign | %.1f µs |%n| verify | %.1f µs |%n| verify again (remembered) | %.1f µs |%n(%d valid)%n",
                micros[0], micros[1], micros[2], (long) micros[3]);
    }
}
