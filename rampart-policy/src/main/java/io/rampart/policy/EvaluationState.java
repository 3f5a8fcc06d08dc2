package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.Values;
import io.rampart.policy.alias.PropertyPath;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of one evaluation (never shared between threads): the resource the conditions
 * read, the resource {@code field()} reads, the stack of active {@code count} iterations, and the
 * explanation being recorded. It is also the host object the policy functions reach through the
 * expression context.
 */
public final class EvaluationState {

    /** One active count iteration. */
    static final class Scope {
        final String name;          // lower-cased: value count name or counted alias name
        final PropertyPath path;    // field count: the counted path; value count: null
        int[] indices;              // field count: indexes of the current member along path's wildcards
        JsonNode current;

        Scope(String name, PropertyPath path) {
            this.name = name;
            this.path = path;
        }
    }

    /** What policy expressions read for a property an object doesn't have (see withMissingPropertyValue). */
    static final JsonNode MISSING_PROPERTY = com.fasterxml.jackson.databind.node.TextNode.valueOf("");

    private final PolicyRuntime runtime;
    private final EvaluationEnvironment env;
    private final ResourceView primary;
    private ResourceView resource;
    private final EvalContext expressionContext;
    private final List<EvaluatedExpression> trace;
    private Scope[] scopes = new Scope[4];
    private int depth;
    private JsonNode resourceGroup;
    private JsonNode subscription;
    private JsonNode requestContext;

    EvaluationState(PolicyRuntime runtime, EvaluationEnvironment env, ResourceView primary, boolean explain) {
        this.runtime = runtime;
        this.env = env;
        this.primary = primary;
        this.resource = primary;
        this.expressionContext = EvalContext.of(this, env.clock(), EvaluationLimits.AZURE_POLICY)
                .withMissingPropertyValue(MISSING_PROPERTY);
        this.trace = explain ? new ArrayList<>() : null;
    }

    PolicyRuntime runtime() {
        return runtime;
    }

    EvaluationEnvironment env() {
        return env;
    }

    EvalContext expressionContext() {
        return expressionContext;
    }

    /** The resource {@code field} conditions read. */
    ResourceView resource() {
        return resource;
    }

    /** The resource the {@code if} matched; {@code field()} always reads this one. */
    ResourceView primary() {
        return primary;
    }

    /** Switches the conditions' resource (existenceCondition reads the related resource). */
    ResourceView swapResource(ResourceView r) {
        ResourceView previous = resource;
        resource = r;
        return previous;
    }

    List<EvaluatedExpression> trace() {
        return trace;
    }

    private boolean traceSuspended;

    boolean tracing() {
        return trace != null && depth == 0 && !traceSuspended;
    }

    /** Stops (or resumes) recording, e.g. while applicability is worked out. */
    void suspendTrace(boolean suspended) {
        traceSuspended = suspended;
    }

    void record(EvaluatedExpression e) {
        if (tracing()) {
            trace.add(e);
        }
    }

    // ---- count scopes -------------------------------------------------------------------------

    int depth() {
        return depth;
    }

    Scope push(String name, PropertyPath path) {
        if (depth == scopes.length) {
            scopes = java.util.Arrays.copyOf(scopes, depth * 2);
        }
        Scope s = new Scope(name, path);
        scopes[depth++] = s;
        return s;
    }

    void pop() {
        scopes[--depth] = null;
    }

    /** The innermost scope, or null outside any count. */
    Scope innermost() {
        return depth == 0 ? null : scopes[depth - 1];
    }

    /** The innermost scope with this name (ignoring case), or null. */
    Scope named(String name) {
        for (int s = depth - 1; s >= 0; s--) {
            if (scopes[s].name.equalsIgnoreCase(name)) {
                return scopes[s];
            }
        }
        return null;
    }

    /** The innermost field-count scope whose counted path is a prefix of {@code p}, or null. */
    Scope enclosing(PropertyPath p) {
        for (int s = depth - 1; s >= 0; s--) {
            Scope sc = scopes[s];
            if (sc.path != null && sc.path.length() <= p.length() && p.samePrefix(sc.path, sc.path.length())) {
                return sc;
            }
        }
        return null;
    }

    /**
     * The member index an active field count pins the wildcard at step {@code i} of {@code p} to,
     * or -1. Inside {@code where}, a path that shares the counted array's prefix sees only the
     * current member ("as if it were the only member of the array").
     */
    private int pinFor(PropertyPath p, int i) {
        for (int s = depth - 1; s >= 0; s--) {
            Scope sc = scopes[s];
            if (sc.path != null && sc.path.length() > i && sc.path.isWildcard(i) && p.samePrefix(sc.path, i + 1)) {
                return sc.indices[sc.path.wildcardOrdinal(i)];
            }
        }
        return -1;
    }

    // ---- path selection -----------------------------------------------------------------------

    /** Collects the values {@code p} selects under {@code root}, honouring active count pins. */
    void select(JsonNode root, PropertyPath p, List<JsonNode> out) {
        enumerate(root, p, (indices, member) -> out.add(member));
    }

    /** The single value a path without unpinned wildcards selects; null when missing. */
    JsonNode selectSingle(JsonNode root, PropertyPath p) {
        JsonNode node = root;
        for (int i = 0; i < p.length() && node != null; i++) {
            if (io.rampart.expression.Unknown.is(node)) {
                return node;
            }
            if (p.isWildcard(i)) {
                int pin = depth == 0 ? -1 : pinFor(p, i);
                if (pin < 0 || !node.isArray() || pin >= node.size()) {
                    return null;
                }
                node = node.get(pin);
            } else {
                node = Values.property(node, p.step(i));
            }
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    /**
     * Visits each member a path selects, with the member's indexes along the path's wildcards
     * (the array is reused between calls: copy it to keep it).
     */
    interface MemberVisitor {
        void visit(int[] indices, JsonNode member);

        /**
         * The path runs into a value unknown before deployment before it reaches a member: how many
         * members there are is unknown. By default the unknown counts as the selected value.
         */
        default void unknown(int[] indices, JsonNode unknown) {
            visit(indices, unknown);
        }
    }

    void enumerate(JsonNode root, PropertyPath p, MemberVisitor visitor) {
        enumerateFrom(root, p, 0, new int[p.wildcardCount()], 0, visitor);
    }

    private void enumerateFrom(JsonNode node, PropertyPath p, int i, int[] idx, int w, MemberVisitor visitor) {
        while (i < p.length()) {
            if (node == null) {
                return;
            }
            if (io.rampart.expression.Unknown.is(node)) {
                visitor.unknown(idx, node);
                return;
            }
            if (p.isWildcard(i)) {
                if (!node.isArray()) {
                    return;
                }
                int pin = depth == 0 ? -1 : pinFor(p, i);
                if (pin >= 0) {
                    idx[w++] = pin;
                    node = pin < node.size() ? node.get(pin) : null;
                    i++;
                    continue;
                }
                for (int k = 0; k < node.size(); k++) {
                    idx[w] = k;
                    enumerateFrom(node.get(k), p, i + 1, idx, w + 1, visitor);
                }
                return;
            }
            node = Values.property(node, p.step(i));
            i++;
        }
        if (node != null && !node.isMissingNode()) {
            visitor.visit(idx, node);
        }
    }

    // ---- objects the policy functions return (computed once per evaluation) -----------------

    JsonNode resourceGroupObject() {
        if (resourceGroup == null) {
            resourceGroup = env.resourceGroupFor(primary.json());
        }
        return resourceGroup;
    }

    JsonNode subscriptionObject() {
        if (subscription == null) {
            subscription = env.subscriptionFor(primary.json());
        }
        return subscription;
    }

    JsonNode requestContextObject() {
        if (requestContext == null) {
            requestContext = env.requestContextFor(primary.json());
        }
        return requestContext;
    }
}
