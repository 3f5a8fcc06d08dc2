package io.rampart.governance.scope;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids survive parse → format → parse; every id is under its parent and its scopes; case never matters. */
class ArmIdPropertiesTest {

    @Property(tries = 300)
    void roundTripsAndNests(@ForAll("ids") String text) {
        ArmId id = ArmId.parse(text);
        assertThat(ArmId.parse(id.id())).isEqualTo(id);
        assertThat(ArmId.parse(text.toUpperCase())).isEqualTo(id);
        if (id.parent() != null) {
            assertThat(id.isAtOrUnder(id.parent())).isTrue();
            assertThat(id.parent().isAtOrUnder(id)).isFalse();
        }
        Hierarchy h = Hierarchy.flat("tenant");
        for (ArmId a : h.ancestors(id)) {
            assertThat(h.covers(a, id)).as(a + " covers " + id).isTrue();
        }
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equalsIgnoreCase("providers") && !s.equalsIgnoreCase("subscriptions") && !s.equalsIgnoreCase("resourcegroups"));
        Arbitrary<String> scope = Arbitraries.oneOf(
                name.map(s -> "/subscriptions/" + s),
                Combinators.combine(name, name).as((s, g) -> "/subscriptions/" + s + "/resourceGroups/" + g),
                name.map(m -> "/providers/Microsoft.Management/managementGroups/" + m));
        Arbitrary<String> resource = Combinators.combine(scope, name, name, name.list().ofMaxSize(2))
                .as((s, t, n, children) -> {
                    StringBuilder b = new StringBuilder(s + "/providers/Microsoft.Test/" + t + "/" + n);
                    for (String c : children) {
                        b.append("/child/").append(c);
                    }
                    return b.toString();
                });
        Arbitrary<String> extension = Combinators.combine(resource, name).as((r, n) -> r + "/providers/Microsoft.Insights/diagnosticSettings/" + n);
        return Arbitraries.oneOf(scope, resource, extension);
    }
}
