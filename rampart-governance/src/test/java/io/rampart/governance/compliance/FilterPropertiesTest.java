package io.rampart.governance.compliance;

import io.rampart.governance.compliance.query.PolicyStatesQuery;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The $filter parser never throws: any text parses or is refused with an ARM error; filters mean what they say. */
class FilterPropertiesTest {

    private static final List<PolicyStateRecord> RECORDS = List.of(
            ComplianceRateTest.state("r1", "a1", "Compliant"), ComplianceRateTest.state("r2", "a1", "NonCompliant"),
            ComplianceRateTest.state("r3", "a2", "NonCompliant"), ComplianceRateTest.state("r4", "a2", "Exempt"));

    @Property(tries = 500)
    void anyTextParsesOrIsRefused(@ForAll("filterish") String text) {
        var r = PolicyStatesQuery.parse(text, null, null, null, null);
        if (r.isOk()) {
            assertThat(r.value().filter(RECORDS)).hasSizeLessThanOrEqualTo(RECORDS.size());
        } else {
            assertThat(r.error().status()).isEqualTo(400);
            assertThat(r.error().message()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void notInvertsAndOrUnites(@ForAll("states") String a, @ForAll("states") String b) {
        var eqA = PolicyStatesQuery.parse("ComplianceState eq '" + a + "'", null, null, null, null).value().filter(RECORDS);
        var notA = PolicyStatesQuery.parse("not (complianceState eq '" + a + "')", null, null, null, null).value().filter(RECORDS);
        assertThat(eqA.size() + notA.size()).isEqualTo(RECORDS.size());
        var either = PolicyStatesQuery.parse("ComplianceState eq '" + a + "' or ComplianceState eq '" + b + "'", null, null, null, null)
                .value().filter(RECORDS);
        var eqB = PolicyStatesQuery.parse("ComplianceState eq '" + b + "'", null, null, null, null).value().filter(RECORDS);
        assertThat(either).containsExactlyInAnyOrderElementsOf(a.equalsIgnoreCase(b) ? eqA
                : java.util.stream.Stream.concat(eqA.stream(), eqB.stream()).toList());
    }

    @Provide
    Arbitrary<String> states() {
        return Arbitraries.of("Compliant", "NonCompliant", "Exempt", "noncompliant", "Unknown");
    }

    @Provide
    Arbitrary<String> filterish() {
        Arbitrary<String> tokens = Arbitraries.of("ComplianceState", "PolicyAssignmentName", "IsCompliant", "eq", "ne", "gt", "and", "or", "not",
                "(", ")", "'NonCompliant'", "'a''b'", "'", "true", "null", "42", "2025-01-01T00:00:00Z", "in", "'g1'", "contains(", ",", "$", "x");
        return tokens.list().ofMaxSize(9).map(l -> String.join(" ", l));
    }
}
