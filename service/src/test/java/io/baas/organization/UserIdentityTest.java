package io.baas.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names of the identities organizations hold for users: DNS labels that say whose they are and never collide by look. */
class UserIdentityTest {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    @Test
    void anyUserNameBecomesAReadableDnsLabel() {
        assertThat(UserIdentity.nameFor("alice")).matches("u-alice-[0-9a-f]{8}");
        assertThat(UserIdentity.nameFor("Alice.Smith@bank.example")).matches("u-alice-smith-bank-example-[0-9a-f]{8}");
        for (String user : List.of("alice", "张三", "a".repeat(300), "--weird__name--", "x")) {
            assertThat(UserIdentity.nameFor(user)).as(user).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63);
        }
        assertThat(UserIdentity.nameFor("张三")).matches("u-[0-9a-f]{8}");
    }

    @Test
    void namesThatReadAlikeStayApart() {
        assertThat(UserIdentity.nameFor("alice.smith")).isNotEqualTo(UserIdentity.nameFor("alice-smith"));
        assertThat(UserIdentity.nameFor("Alice")).isNotEqualTo(UserIdentity.nameFor("alice"));
        assertThat(UserIdentity.nameFor("alice")).isEqualTo(UserIdentity.nameFor("alice"));
    }
}
