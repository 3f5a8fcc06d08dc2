package io.rampart.library;

import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.SharedCorpora;
import io.rampart.policy.model.PolicyDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInLibraryTest {

    private final BuiltInLibrary lib = BuiltInLibrary.load();

    @Test
    void shipsThePublicCloudBuiltIns() {
        assertThat(lib.definitions()).hasSize(3594);
        assertThat(lib.initiatives()).hasSize(181);
        assertThat(lib.source().get("repository").asText()).isEqualTo("Azure/azure-policy");
    }

    @Test
    void findsADefinitionByGuidIdAndDisplayName() {
        String guid = "ac7891a4-ac7a-4ba0-9ae9-c923e5a225ee";
        var byGuid = lib.findDefinition(guid).orElseThrow();
        assertThat(lib.findDefinition("/providers/Microsoft.Authorization/policyDefinitions/" + guid.toUpperCase())).contains(byGuid);
        assertThat(lib.findDefinition("configure synapse workspaces to have auditing enabled")).contains(byGuid);
        PolicyDefinition def = lib.definition(byGuid);
        assertThat(def.displayName()).isEqualTo("Configure Synapse workspaces to have auditing enabled");
        assertThat(def.mode().name()).isEqualTo("Indexed");
    }

    @Test
    void findsTheMicrosoftCloudSecurityBenchmark() {
        var mcsb = lib.findInitiative("1f3afdf9-d0c9-4c3d-847f-89da613e70a8").orElseThrow();
        assertThat(mcsb.displayName()).isEqualTo("Microsoft cloud security benchmark");
        assertThat(lib.initiative(mcsb).policyDefinitions()).hasSizeGreaterThan(200);
    }

    @Test
    void searchMatchesNamesAndCategories() {
        assertThat(lib.search("key vault")).isNotEmpty()
                .allSatisfy(e -> assertThat((e.displayName() + e.category()).toLowerCase()).contains("key vault"));
        assertThat(lib.search("no such policy anywhere")).isEmpty();
    }

    @Test
    void shippedAliasTableEqualsTheCorpusTable() {
        var shipped = lib.aliases();
        var corpus = SharedCorpora.aliases();
        assertThat(shipped.size()).isEqualTo(corpus.size());
        var a = shipped.find("Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value");
        assertThat(a.path().text()).isEqualTo("properties.networkAcls.ipRules[*].value");
        assertThat(shipped.find("Microsoft.Compute/imagePublisher").paths()).hasSize(3);
        assertThat(shipped.find("Microsoft.Compute/imagePublisher").paths())
                .containsExactlyElementsOf(corpus.find("Microsoft.Compute/imagePublisher").paths());
    }

    @Test
    void libraryDefinitionsCompileWithTheShippedAliases() {
        PolicyEngine engine = new PolicyEngine(lib.aliases());
        Parsed<CompiledPolicy> p = engine.compile(lib.definition(lib.findDefinition("ac7891a4-ac7a-4ba0-9ae9-c923e5a225ee").orElseThrow()));
        assertThat(p.ok()).isTrue();
    }
}
