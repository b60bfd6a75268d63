package io.baas.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The package files' JSON: Fabric's bytes for Fabric's content, and any string reads back. */
class JsonTextTest {

    @Test
    void writesTheFixturePackagesMetadataByteForByte() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", "ccaas");
        metadata.put("label", "simple_1.0");

        assertThat(JsonText.object(metadata)).isEqualTo(Fixtures.text("chaincode/metadata.json"));
    }

    @Test
    void everyControlCharacterQuoteAndBackslashIsEscapedAndReadsBack() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        String text = all.append("\u2028 \uD83D\uDE00 \"quoted\" C:\\path").toString();
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("na\"me\b", text);
        members.put("tls_required", false);

        String json = JsonText.object(members);

        JsonNode read = new ObjectMapper().readTree(json);
        assertThat(read.get("na\"me\b").asText()).isEqualTo(text);
        assertThat(read.get("tls_required").isBoolean()).isTrue();
        assertThat(json).contains("\\b", "\\f").doesNotContain("\f");
    }

    @Test
    void refusesOtherValueTypes() {
        assertThatThrownBy(() -> JsonText.object(Map.of("n", 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
