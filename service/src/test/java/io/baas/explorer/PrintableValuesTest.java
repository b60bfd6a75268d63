package io.baas.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Chaincode arguments, responses and values show as text only when they are text; anything else in base64. */
class PrintableValuesTest {

    private static String printable(byte... bytes) {
        return ExplorerQueries.printable(ByteString.copyFrom(bytes));
    }

    @Test
    void textStaysTextLineBreaksAndTabsIncluded() {
        assertThat(ExplorerQueries.printable(ByteString.copyFromUtf8("transfer"))).isEqualTo("transfer");
        assertThat(ExplorerQueries.printable(ByteString.copyFromUtf8("{\"a\":\n\t1}\r\n"))).isEqualTo("{\"a\":\n\t1}\r\n");
        assertThat(ExplorerQueries.printable(ByteString.copyFrom("存证 évidence", StandardCharsets.UTF_8))).isEqualTo("存证 évidence");
        assertThat(ExplorerQueries.printable(ByteString.EMPTY)).isEmpty();
    }

    @Test
    void controlCharactersAndMalformedUtf8AreBase64() {
        assertThat(printable((byte) 'a', (byte) 0x01, (byte) 'b')).isEqualTo("base64:YQFi");
        assertThat(printable((byte) 0)).isEqualTo("base64:AA==");
        assertThat(printable((byte) 0xC3, (byte) 0x28)).isEqualTo("base64:wyg=");
        // a UTF-16 surrogate spelled in UTF-8 is not well-formed UTF-8
        assertThat(printable((byte) 0xED, (byte) 0xA0, (byte) 0x80)).isEqualTo("base64:7aCA");
        // a sequence cut short
        assertThat(printable((byte) 0xE5, (byte) 0xAD)).isEqualTo("base64:5a0=");
    }
}
