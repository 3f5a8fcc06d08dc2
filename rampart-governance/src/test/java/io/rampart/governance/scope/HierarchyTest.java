package io.rampart.governance.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HierarchyTest {

    private final Hierarchy h = Hierarchy.builder("tenant1")
            .managementGroup("platform", null)
            .managementGroup("landing", "platform")
            .subscription("sub1", "landing")
            .build();

    @Test
    void ancestorsRunUpToTheTenantRoot() {
        ArmId vm = ArmId.parse("/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1");
        assertThat(h.ancestors(vm)).extracting(ArmId::id).containsExactly(
                "/subscriptions/sub1/resourceGroups/rg",
                "/subscriptions/sub1",
                "/providers/Microsoft.Management/managementGroups/landing",
                "/providers/Microsoft.Management/managementGroups/platform",
                "/providers/Microsoft.Management/managementGroups/tenant1",
                "/");
        assertThat(h.managementGroupNames(vm)).containsExactly("landing", "platform", "tenant1");
    }

    @Test
    void managementGroupsCoverTheirSubscriptions() {
        ArmId rg = ArmId.parse("/subscriptions/SUB1/resourceGroups/rg");
        assertThat(h.covers(ArmId.managementGroup("Platform"), rg)).isTrue();
        assertThat(h.covers(ArmId.managementGroup("tenant1"), rg)).isTrue();
        assertThat(h.covers(ArmId.managementGroup("other"), rg)).isFalse();
        // A subscription nobody placed sits under the tenant root group.
        assertThat(h.covers(ArmId.managementGroup("tenant1"), ArmId.subscription("sub9"))).isTrue();
        assertThat(h.covers(ArmId.managementGroup("landing"), ArmId.subscription("sub9"))).isFalse();
        assertThat(h.covers(ArmId.parse("/subscriptions/sub1"), rg)).isTrue();
    }

    @Test
    void refusesCycles() {
        assertThatThrownBy(() -> Hierarchy.builder("t").managementGroup("a", "b").managementGroup("b", "a"))
                .hasMessageContaining("cycle");
    }
}
