package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What a chaincode function returned: UTF-8 text when it is, always base64; the transaction and block of a submission. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionResult(String txId, Long blockNumber, String result, String resultBase64) {

    public static FunctionResult of(String txId, Long blockNumber, byte[] result) {
        String text = null;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(result)).toString();
        } catch (CharacterCodingException e) {
            // Not text: base64 only.
        }
        return new FunctionResult(txId, blockNumber, text, Base64.getEncoder().encodeToString(result));
    }
}
