package io.baas.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded block as JSON: hashes in hex, other bytes in base64 (as configtxlator writes them),
 * identities by MSP ID and subject, protobuf messages (config, config updates) in protobuf's JSON.
 */
final class BlockJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(ByteString.class, new ToString<>(b -> Base64.getEncoder().encodeToString(b.toByteArray())))
                    .addSerializer(FabricIdentity.class, new IdentitySerializer())
                    .addSerializer(SignedData.class, new SignedDataSerializer())
                    .addSerializer(Message.class, new MessageSerializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BlockJson() {
    }

    static String write(DecodedBlock block) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("number", block.number());
        json.put("headerHash", hex(block.headerHash()));
        json.put("previousHash", hex(block.previousHash()));
        json.put("dataHash", hex(block.dataHash()));
        json.put("dataHashMatches", block.dataHashMatches());
        json.put("transactions", block.transactions());
        json.put("metadata", metadata(block.metadata()));
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata as its record reads, but the commit hash in hex like every other hash of the block. */
    private static Map<String, Object> metadata(io.baas.fabric.block.DecodedMetadata metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lastConfigIndex", metadata.lastConfigIndex());
        json.put("ordererSignatures", metadata.ordererSignatures());
        json.put("raft", metadata.raft());
        json.put("validationCodes", metadata.validationCodes());
        json.put("commitHash", metadata.commitHash().map(BlockJson::hex));
        return json;
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static final class ToString<T> extends JsonSerializer<T> {
        private final java.util.function.Function<T, String> text;

        ToString(java.util.function.Function<T, String> text) {
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(text.apply(value));
        }
    }

    private static final class IdentitySerializer extends JsonSerializer<FabricIdentity> {
        @Override
        public void serialize(FabricIdentity identity, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("mspId", identity.mspId());
            out.writeStringField("subject", identity.certificate().getSubjectX500Principal().getName());
            out.writeEndObject();
        }
    }

    /** The signer and the signature; the signed bytes are the transaction itself, shown elsewhere. */
    private static final class SignedDataSerializer extends JsonSerializer<SignedData> {
        @Override
        public void serialize(SignedData signed, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            provider.defaultSerializeField("signer", signed.signer(), out);
            out.writeStringField("signature", Base64.getEncoder().encodeToString(signed.signature().toByteArray()));
            out.writeEndObject();
        }
    }

    private static final class MessageSerializer extends JsonSerializer<Message> {
        @Override
        public void serialize(Message message, JsonGenerator out, SerializerProvider provider) throws IOException {
            try {
                out.writeRawValue(JsonFormat.printer().print(message));
            } catch (InvalidProtocolBufferException e) {
                throw new IOException(e);
            }
        }
    }
}
