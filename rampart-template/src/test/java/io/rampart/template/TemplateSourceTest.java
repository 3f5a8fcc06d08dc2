package io.rampart.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** TemplateSource paths, and expanding one source more than once. */
class TemplateSourceTest {

    @Test
    void nodesAndLocationsByJsonPath() {
        TemplateSource s = TemplateSource.parse("""
                {"resources": [{"name": "a", "properties": {"odd key": {"it's": [1, 2]}}}]}""", "t.json");
        assertThat(s.nodeAt("$.resources[0].name").asText()).isEqualTo("a");
        assertThat(s.nodeAt("$.resources[0].properties['odd key']['it\\'s'][1]").asInt()).isEqualTo(2);
        assertThat(s.nodeAt("$.resources[3]")).isNull();
        assertThat(s.locate("$.resources[0].name").column()).isGreaterThan(1);
    }

    @Test
    void aSourceExpandsAgainWithOtherParametersAndTheSameWarnings() {
        TemplateSource s = TemplateSource.parse(template("""
                "parameters": {"n": {"type": "int"}},
                "unexpected": true,
                "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2022-07-01",
                  "name": "[concat('ip', copyIndex())]", "location": "eastus", "copy": {"name": "ips", "count": "[parameters('n')]"}}]"""), "main.json");
        Expansion two = ENGINE.expand(s, params("{\"n\": 2}"), DeploymentScope.RESOURCE_GROUP, CONTEXT, LinkedTemplates.NONE);
        Expansion three = ENGINE.expand(s, params("{\"n\": 3}"), DeploymentScope.RESOURCE_GROUP, CONTEXT, LinkedTemplates.NONE);
        assertThat(two.resources()).hasSize(2);
        assertThat(three.resources()).hasSize(3);
        assertThat(two.problems()).hasSize(1).allMatch(p -> !p.error() && p.message().contains("'unexpected'"));
        assertThat(three.problems()).isEqualTo(two.problems());
        assertThat(ENGINE.expand(s, Map.of(), DeploymentScope.RESOURCE_GROUP, CONTEXT, LinkedTemplates.NONE).ok()).isFalse();
    }
}
