package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One resource a template declares, after its copy loop: the declaration, the loop iteration,
 * and what the expansion learns about it — condition, full type and name, id, body, dependencies
 * and, for a deployment, its nested expansion. Mutable while one run expands it; never shared
 * between runs.
 */
final class Instance {

    final ResourceDecl decl;
    final Frame frame;
    final Instance parent;
    final CopyContext copy;
    /** The iteration of this resource's own copy loop, or -1. */
    final int copyIndex;
    final int ordinal;

    boolean deployed;
    String type;
    String name;
    /** The name as declared, for a child declared inside its parent (dependsOn may use it). */
    String declaredName;
    /** The name as evaluated (may be unknown). */
    JsonNode nameValue;
    String apiVersion;
    String id;
    /** The id of the scope this resource is deployed under (for children and reference()). */
    String scopeId;
    /** Where a deployment resource deploys its template. */
    Target nestedTarget;

    JsonNode body;
    boolean evaluating;
    final Set<Instance> implicitDependencies = new LinkedHashSet<>();
    final Set<Instance> dependencies = new LinkedHashSet<>();
    NestedDeployment.Result nested;
    /** What reference() returns, built once: properties and 'Full'. */
    JsonNode referenceProperties;
    JsonNode referenceFull;

    Instance(ResourceDecl decl, Frame frame, Instance parent, CopyContext copy, int copyIndex, int ordinal) {
        this.decl = decl;
        this.frame = frame;
        this.parent = parent;
        this.copy = copy;
        this.copyIndex = copyIndex;
        this.ordinal = ordinal;
    }

    boolean existing() {
        return decl.existing();
    }

    /** {@code sym} or {@code sym[i]}: how 2.0 templates name this instance in reference(). */
    String symbolicKey() {
        if (decl.symbolicName() == null) {
            return null;
        }
        return copyIndex < 0 ? decl.symbolicName() : decl.symbolicName() + "[" + copyIndex + "]";
    }

    String describe() {
        return id != null ? id : decl.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
