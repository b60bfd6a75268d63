package io.baas.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.application.ApplicationScope;
import io.baas.error.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationScopeTest {

    private static final ApplicationScope NOTARY = new ApplicationScope("deeds", "notarization", null, List.of("notarize", "verify"), null,
            null);
    private static final ApplicationScope READER = new ApplicationScope("deeds", null, "ledger", null, List.of("Read"), "read-only");

    @Test
    void aScopeAllowsItsOwnOperationsAndFunctionsOnItsOwnChannelOnly() {
        assertThat(NOTARY.allowsOperation("deeds", "notarization", "notarize")).isTrue();
        assertThat(NOTARY.allowsOperation("deeds", "notarization", "read")).isFalse();
        assertThat(NOTARY.allowsOperation("other", "notarization", "notarize")).isFalse();
        assertThat(NOTARY.allowsOperation("deeds", "asset-transfer", "notarize")).isFalse();
        assertThat(READER.allowsFunction("deeds", "ledger", "Read", false)).isTrue();
        assertThat(READER.allowsFunction("deeds", "ledger", "Read", true)).as("read-only: evaluate only").isFalse();
        assertThat(READER.allowsFunction("deeds", "ledger", "Write", false)).isFalse();
        assertThat(READER.allowsFunction("deeds", "notarization", "Read", false)).isFalse();
    }

    @Test
    void invalidScopesAreNamedByTheirPlace() {
        assertThat(ApplicationScope.problems(List.of(NOTARY, READER))).isEmpty();
        assertThat(fields(List.of())).containsExactly("scopes");
        assertThat(fields(List.of(new ApplicationScope("Deeds", "notarization", null, List.of("notarize"), null, null))))
                .containsExactly("scopes[0].channel");
        assertThat(fields(List.of(NOTARY, new ApplicationScope("deeds", "notarization", "ledger", List.of("read"), null, null))))
                .containsExactly("scopes[1]");
        assertThat(fields(List.of(new ApplicationScope("deeds", "notarization", null, List.of("transfer"), null, null))))
                .containsExactly("scopes[0].operations");
        assertThat(fields(List.of(new ApplicationScope("deeds", "notarization", null, List.of("notarize"), null, "read-only"))))
                .containsExactly("scopes[0].operations");
        assertThat(fields(List.of(new ApplicationScope("deeds", "ledger-app", null, List.of("read"), null, null))))
                .containsExactly("scopes[0].app");
        assertThat(fields(List.of(new ApplicationScope("deeds", null, "ledger", null, List.of("drop table"), "sometimes"))))
                .containsExactly("scopes[0].access", "scopes[0].functions");
    }

    private static List<String> fields(List<ApplicationScope> scopes) {
        return ApplicationScope.problems(scopes).stream().map(FieldError::field).sorted().toList();
    }
}
