package io.baas.chaincode.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The chaincodes' hand-written JSON reads back as what was written, whatever the characters. */
class JsonTest {

    @Test
    void everyControlCharacterQuoteAndBackslashIsEscapedAndReadsBack() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029 \uD83D\uDE00 \"quoted\" C:\\path");
        String text = all.toString();

        String json = Json.object().put("text", text).put("n", 7).put("ok", true).toString();

        JSONObject read = new JSONObject(json);
        assertThat(read.getString("text")).isEqualTo(text);
        assertThat(read.getLong("n")).isEqualTo(7);
        assertThat(read.getBoolean("ok")).isTrue();
        assertThat(json.chars().filter(c -> c < 0x20)).as("no raw control character").isEmpty();
    }

    @Test
    void usesTheShortEscapesOfRfc8259AndLowercaseHexForTheRest() {
        assertThat(Json.quote("\b\f\n\r\t\"\\")).isEqualTo("\"\\b\\f\\n\\r\\t\\\"\\\\\"");
        assertThat(Json.quote("\u0000\u001f")).isEqualTo("\"\\u0000\\u001f\"");
    }

    @Test
    void arraysOfStringsReadBack() {
        List<String> values = List.of("a\bb", "", "\u0001");
        assertThat(new JSONArray(Json.stringArray(values)).toList()).isEqualTo(List.<Object>copyOf(values));
    }
}
