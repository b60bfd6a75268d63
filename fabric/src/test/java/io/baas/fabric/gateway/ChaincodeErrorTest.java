package io.baas.fabric.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChaincodeErrorTest {

    @Test
    void aCodedRefusalKeepsItsCode() {
        assertThat(ChaincodeError.in("chaincode response 500, EVIDENCE_NOT_FOUND: evidence SHA-256:ab does not exist"))
                .contains(new ChaincodeError(500, Optional.of("EVIDENCE_NOT_FOUND"), "evidence SHA-256:ab does not exist"));
        assertThat(ChaincodeError.in("evaluate call to endorser returned error: chaincode response 500, NOT_MINTER: x: y"))
                .contains(new ChaincodeError(500, Optional.of("NOT_MINTER"), "x: y"));
    }

    @Test
    void anUncodedRefusalIsTheMessageAlone() {
        assertThat(ChaincodeError.in("chaincode response 500, asset a1 does not exist"))
                .contains(new ChaincodeError(500, Optional.empty(), "asset a1 does not exist"));
        assertThat(ChaincodeError.in("chaincode response 500, Not_a_code: text").orElseThrow().code()).isEmpty();
        assertThat(ChaincodeError.in("chaincode response 500, Undefined contract called").orElseThrow().toString())
                .isEqualTo("Undefined contract called");
    }

    @Test
    void aPeersOwnRefusalIsNoChaincodeError() {
        assertThat(ChaincodeError.in("access denied: channel [trade] creator org unknown, creator is malformed")).isEmpty();
        assertThat(ChaincodeError.in(null)).isEmpty();
    }
}
