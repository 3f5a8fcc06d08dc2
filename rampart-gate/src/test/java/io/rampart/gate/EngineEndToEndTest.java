package io.rampart.gate;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The gate over the real template engine: the same findings as over the stand-in, with real locations. */
class EngineEndToEndTest {

    private static TemplateCheck check(Assignment... a) {
        return new TemplateCheck(Gate.policies(a), Expander.engine(Gate.CLOCK), Gate.CLOCK);
    }

    @Test
    void literalTemplateGivesTheSameFindingsAsTheStandIn() {
        TemplateCheck real = check(Gate.assign("require-https.json"), Gate.assign("storage-diagnostics.json"));
        TemplateReport r = real.check(Gate.template("storage.json"));
        TemplateReport fake = Gate.check(Gate.policies(Gate.assign("require-https.json"), Gate.assign("storage-diagnostics.json")))
                .check(Gate.template("storage.json"));

        assertThat(r.status()).isEqualTo(TemplateReport.Status.EXPANDED);
        assertThat(r.findings()).extracting(f -> f.resource().name() + " " + f.policy().definition().key() + " " + f.level())
                .containsExactlyElementsOf(fake.findings().stream()
                        .map(f -> f.resource().name() + " " + f.policy().definition().key() + " " + f.level()).toList());
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.resource().source().line()).isPositive());
    }

    @Test
    void childResourcesAndLocations() {
        TemplateReport r = check(Gate.assign("sql-auditing.json")).check(Gate.template("sql.json"));

        assertThat(r.resources()).extracting(ResourceRef::name).contains("sql-audited", "sql-audited/default", "sql-plain");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("sql-plain");
            assertThat(f.resource().source().line()).isEqualTo(15);
        });
    }

    @Test
    void expansionErrorsComeWithTheirLocation() {
        String template = """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                                "name": "[nosuchfunction()]", "location": "eastus"}]}
                """;
        TemplateReport r = check(Gate.assign("require-https.json")).check(TemplateInput.of("bad.json", template));

        assertThat(r.failed()).isTrue();
        assertThat(r.error().location().file()).isEqualTo("bad.json");
        assertThat(r.error().location().line()).isPositive();
    }
}
