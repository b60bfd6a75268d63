package io.baas.fabric.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule;
import org.junit.jupiter.api.Test;

class ImplicitMetaPoliciesTest {

    private static final Policy YES = signers -> true;
    private static final Policy NO = signers -> false;

    @Test
    void parsesTheConfigtxFormIntoWhatConfigtxgenWrote() throws Exception {
        ConfigGroup application = io.baas.fabric.block.BlockDecoder.decode(io.baas.fabric.Fixtures.block(0))
                .transactions().get(0).config().orElseThrow().config().getChannelGroup().getGroupsOrThrow("Application");
        ImplicitMetaPolicy admins = ImplicitMetaPolicy.parseFrom(application.getPoliciesOrThrow("Admins").getPolicy().getValue());

        assertEquals(admins, ImplicitMetaPolicies.parse("MAJORITY Admins"));
        assertEquals("MAJORITY Admins", ImplicitMetaPolicies.format(admins));
        assertEquals(ImplicitMetaPolicies.parse("ANY Readers"), ImplicitMetaPolicies.parse(" any  Readers "));
    }

    @Test
    void rejectsOtherForms() {
        for (String text : new String[] {"MAJORITY", "MOST Admins", "ANY Readers Writers", ""}) {
            assertThrows(PolicyException.class, () -> ImplicitMetaPolicies.parse(text), text);
        }
    }

    @Test
    void countsSatisfiedSubPolicies() {
        assertTrue(eval(Rule.ANY, NO, NO, YES));
        assertFalse(eval(Rule.ANY, NO, NO));
        assertTrue(eval(Rule.ALL, YES, YES));
        assertFalse(eval(Rule.ALL, YES, NO));
        assertTrue(eval(Rule.MAJORITY, YES, NO, YES));
        assertFalse(eval(Rule.MAJORITY, YES, NO));
        assertFalse(eval(Rule.MAJORITY, YES, YES, NO, NO));
        assertTrue(eval(Rule.MAJORITY, YES, YES, YES, NO));
    }

    @Test
    void noSubPoliciesSatisfiesEveryRuleAsInFabric() {
        for (Rule rule : List.of(Rule.ANY, Rule.ALL, Rule.MAJORITY)) {
            assertTrue(ImplicitMetaPolicies.evaluator(rule, List.of()).evaluate(List.of()), rule.name());
        }
    }

    private static boolean eval(Rule rule, Policy... subPolicies) {
        return ImplicitMetaPolicies.evaluator(rule, List.of(subPolicies)).evaluate(Collections.emptyList());
    }
}
