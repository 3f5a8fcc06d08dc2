package io.rampart.governance.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArmIdTest {

    private static final String SUB = "/subscriptions/fffedd8f-ffff-fffd-fffd-fffed2f84852";

    @Test
    void scopes() {
        assertThat(ArmId.parse("/").kind()).isEqualTo(ArmId.Kind.TENANT);
        ArmId mg = ArmId.parse("/providers/Microsoft.Management/managementGroups/myMg");
        assertThat(mg.kind()).isEqualTo(ArmId.Kind.MANAGEMENT_GROUP);
        assertThat(mg.name()).isEqualTo("myMg");
        ArmId sub = ArmId.parse(SUB);
        assertThat(sub.kind()).isEqualTo(ArmId.Kind.SUBSCRIPTION);
        assertThat(sub.subscriptionId()).isEqualTo("fffedd8f-ffff-fffd-fffd-fffed2f84852");
        ArmId rg = ArmId.parse(SUB + "/resourcegroups/myRG/");
        assertThat(rg.kind()).isEqualTo(ArmId.Kind.RESOURCE_GROUP);
        assertThat(rg.resourceGroup()).isEqualTo("myRG");
        assertThat(rg.id()).isEqualTo(SUB + "/resourceGroups/myRG");
        assertThat(rg.parent()).isEqualTo(sub);
    }

    @Test
    void childAndExtensionResources() {
        ArmId subnet = ArmId.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/s1");
        assertThat(subnet.type()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(subnet.name()).isEqualTo("s1");
        assertThat(subnet.fullName()).isEqualTo("vnet1/s1");
        assertThat(subnet.parent().type()).isEqualTo("Microsoft.Network/virtualNetworks");
        assertThat(subnet.parent().parent().kind()).isEqualTo(ArmId.Kind.RESOURCE_GROUP);
        assertThat(subnet.isExtension()).isFalse();

        ArmId diag = ArmId.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa/providers/Microsoft.Insights/diagnosticSettings/d1");
        assertThat(diag.isExtension()).isTrue();
        assertThat(diag.type()).isEqualTo("Microsoft.Insights/diagnosticSettings");
        assertThat(diag.parent().type()).isEqualTo("Microsoft.Storage/storageAccounts");
        assertThat(diag.resourceGroup()).isEqualTo("rg");

        ArmId mgAssignment = ArmId.parse("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyAssignments/a1");
        assertThat(mgAssignment.kind()).isEqualTo(ArmId.Kind.RESOURCE);
        assertThat(mgAssignment.parent().kind()).isEqualTo(ArmId.Kind.MANAGEMENT_GROUP);
        ArmId builtIn = ArmId.parse("/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c");
        assertThat(builtIn.parent()).isEqualTo(ArmId.TENANT);
    }

    @Test
    void comparesWithoutCase() {
        ArmId a = ArmId.parse(SUB + "/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/SA");
        ArmId b = ArmId.parse(SUB.toUpperCase() + "/RESOURCEGROUPS/rg/providers/microsoft.storage/storageaccounts/sa");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.isAtOrUnder(ArmId.parse(SUB + "/resourcegroups/rg"))).isTrue();
        assertThat(a.isAtOrUnder(ArmId.parse(SUB + "/resourcegroups/rg2"))).isFalse();
        assertThat(ArmId.parse("/subscriptions/abc").isAtOrUnder(ArmId.parse("/subscriptions/ab"))).isFalse();
    }

    @Test
    void refusesWhatIsNoId() {
        assertThatThrownBy(() -> ArmId.parse("/subscriptions")).isInstanceOf(InvalidArmIdException.class)
                .hasMessageContaining("subscription id");
        assertThatThrownBy(() -> ArmId.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts"))
                .hasMessageContaining("a namespace, a type and a name");
        assertThatThrownBy(() -> ArmId.parse(SUB + "/foo/bar")).hasMessageContaining("expected 'providers'");
    }
}
