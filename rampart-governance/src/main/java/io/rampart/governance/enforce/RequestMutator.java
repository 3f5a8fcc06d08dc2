package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.eval.Target;
import io.rampart.policy.FieldRef;
import io.rampart.policy.FieldResolver;
import io.rampart.policy.alias.PropertyPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies Append and Modify operations to a request body (effect-append.md, effect-modify.md):
 * tags, {@code tags}, {@code identity.type} and aliases (resolved through the alias table to their
 * property paths, {@code [*]} included).
 * <ul>
 * <li>Append: a missing field is set; an array alias with {@code [*]} gets the value(s) appended;
 * a field that already holds a different value makes the append act as a deny.</li>
 * <li>Modify {@code addOrReplace}: sets the value. {@code add}: sets it when missing (appends for
 * {@code [*]}). {@code remove}: removes a tag (only tags can be removed).</li>
 * <li>A Modify operation on a nested property whose parent object is absent from the request is
 * skipped ("property not present"); {@code properties} itself is created when needed.</li>
 * </ul>
 */
final class RequestMutator {

    /** A planned operation: which target, what, where, and the value. */
    record Op(Target target, String effect, String operation, String field, JsonNode value) {
    }

    /** Why an operation could not be applied: a deny for Append, the conflict effect for Modify. */
    record Failure(Target target, String reason) {
    }

    private final FieldResolver fields;
    private final AliasModifiability modifiability;

    RequestMutator(FieldResolver fields) {
        this(fields, AliasModifiability.ALL);
    }

    RequestMutator(FieldResolver fields, AliasModifiability modifiability) {
        this.fields = fields;
        this.modifiability = modifiability;
    }

    /** A stable key for "the same property", for conflict detection. */
    String key(String field) {
        FieldRef ref = resolve(field);
        if (ref instanceof FieldRef.Tag tag) {
            return "tags['" + tag.tag().toLowerCase(Locale.ROOT) + "']";
        }
        if (ref instanceof FieldRef.AliasField a) {
            return a.alias().path().text().toLowerCase(Locale.ROOT);
        }
        if (ref instanceof FieldRef.ResourcePath rp) {
            return rp.path().text().toLowerCase(Locale.ROOT);
        }
        return field.toLowerCase(Locale.ROOT);
    }

    /** As {@link #apply(ObjectNode, Op, String, String)} for the latest API version. */
    Change apply(ObjectNode body, Op op, String lowerType) {
        return apply(body, op, lowerType, null);
    }

    /**
     * Applies one operation; returns the change made (null when nothing changed), or throws
     * {@link FailedOp}. For Modify on an alias, the alias must be modifiable in {@code apiVersion}
     * and the value's JSON type must match the type of the value already in the request
     * (effect-modify.md's two checks; the property's declared type is not known to Rampart, so the
     * request's own value stands in for it).
     */
    Change apply(ObjectNode body, Op op, String lowerType, String apiVersion) {
        FieldRef ref = resolve(op.field());
        String assignment = op.target().assignmentId();
        String refId = op.target().referenceId();
        String operation = op.operation().toLowerCase(Locale.ROOT);
        if (ref instanceof FieldRef.ResourcePath rp && rp.path().text().equalsIgnoreCase("tags") && op.value() != null
                && op.value().isObject()) {
            // {"field": "tags", "value": {"a": "1"}}: one tag operation per entry.
            Change last = null;
            for (var e : op.value().properties()) {
                Change c = apply(body, new Op(op.target(), op.effect(), op.operation(), "tags['" + e.getKey().replace("'", "''") + "']",
                        e.getValue()), lowerType, apiVersion);
                last = c == null ? last : c;
            }
            return last;
        }
        if (ref instanceof FieldRef.Tag tag) {
            ObjectNode tags = tagsOf(body);
            JsonNode before = Values.property(tags, tag.tag());
            switch (operation) {
                case "remove" -> {
                    if (before == null) {
                        return null;
                    }
                    BodyPaths.remove(tags, tag.tag());
                    return new Change(assignment, refId, op.effect(), op.operation(), op.field(), before, null);
                }
                case "add", "append" -> {
                    if (before != null) {
                        if (operation.equals("append") && !Values.deepEquals(before, op.value(), false)) {
                            throw new FailedOp("the append would replace tag '" + tag.tag() + "' with a different value");
                        }
                        return null;
                    }
                }
                default -> {
                    if (before != null && Values.deepEquals(before, op.value(), false)) {
                        return null;
                    }
                }
            }
            BodyPaths.put(tags, tag.tag(), tagValue(op.value()));
            return new Change(assignment, refId, op.effect(), op.operation(), op.field(), before, op.value());
        }
        if (operation.equals("remove")) {
            throw new FailedOp("only tags can be removed, not '" + op.field() + "'");
        }
        PropertyPath path;
        if (ref instanceof FieldRef.AliasField a) {
            if (!a.alias().appliesTo(lowerType)) {
                throw new FailedOp("the alias '" + op.field() + "' does not apply to resources of this type");
            }
            path = a.alias().path();
            if (op.effect().equals("Modify") && !modifiability.modifiable(a.alias().name(), apiVersion)) {
                throw new FailedOp("The alias '" + a.alias().name() + "' is not modifiable in requests using API version '"
                        + (apiVersion == null ? "latest" : apiVersion) + "'");
            }
        } else if (ref instanceof FieldRef.ResourcePath rp) {
            path = rp.path();
            if (path.text().equalsIgnoreCase("identity.type") && op.effect().equals("Modify")
                    && !lowerType.equals("microsoft.compute/virtualmachines") && !lowerType.equals("microsoft.compute/virtualmachinescalesets")) {
                // effect-modify.md: identity.type can only be modified on VMs and scale sets; elsewhere the policy is skipped.
                return null;
            }
        } else {
            throw new FailedOp("the field '" + op.field() + "' can't be changed");
        }
        if (path.hasWildcard()) {
            return applyWildcard(body, op, path, operation);
        }
        if (op.effect().equals("Modify") && path.length() > 2 && BodyPaths.parent(body, path, false) == null) {
            return null; // "property not present": the parent object is not in the request, so the modification is skipped
        }
        ObjectNode parent = BodyPaths.parent(body, path, true);
        if (parent == null) {
            throw new FailedOp("the request has a non-object value on the way to '" + path.text() + "'");
        }
        String last = path.step(path.length() - 1);
        JsonNode before = Values.property(parent, last);
        before = before == null || before.isNull() ? null : before;
        if (before != null) {
            if (Values.deepEquals(before, op.value(), false)) {
                return null;
            }
            if (op.effect().equals("Modify") && !sameTokenType(before, op.value())) {
                throw new FailedOp("the value's type (" + tokenType(op.value()) + ") doesn't match the type of '" + path.text()
                        + "' in the request (" + tokenType(before) + ")");
            }
            if (operation.equals("append")) {
                throw new FailedOp("the append would replace '" + path.text() + "' with a different value");
            }
            if (operation.equals("add")) {
                return null;
            }
        }
        BodyPaths.put(parent, last, op.value().deepCopy());
        return new Change(assignment, op.target().referenceId(), op.effect(), op.operation(), op.field(), before, op.value());
    }

    private Change applyWildcard(ObjectNode body, Op op, PropertyPath path, String operation) {
        String text = path.text();
        if (text.endsWith("[*]")) {
            if (operation.equals("addorreplace")) {
                // Replacing "every member" means replacing the array with the value given.
                PropertyPath arrayPath = PropertyPath.parse(text.substring(0, text.length() - 3));
                ObjectNode parent = BodyPaths.parent(body, arrayPath, true);
                if (parent == null) {
                    throw new FailedOp("the request has a non-object value on the way to '" + text + "'");
                }
                String last = arrayPath.step(arrayPath.length() - 1);
                JsonNode before = Values.property(parent, last);
                JsonNode after = op.value().isArray() ? op.value().deepCopy() : Values.array().add(op.value().deepCopy());
                if (before != null && Values.deepEquals(before, after, false)) {
                    return null;
                }
                BodyPaths.put(parent, last, after);
                return new Change(op.target().assignmentId(), op.target().referenceId(), op.effect(), op.operation(), op.field(), before, after);
            }
            ArrayNode array = BodyPaths.arrayFor(body, path);
            if (array == null) {
                throw new FailedOp("'" + text + "' is not an array in the request");
            }
            JsonNode before = array.deepCopy();
            List<JsonNode> values = new ArrayList<>();
            if (op.value().isArray()) {
                op.value().forEach(values::add);
            } else {
                values.add(op.value());
            }
            for (JsonNode v : values) {
                array.add(v.deepCopy());
            }
            return new Change(op.target().assignmentId(), op.target().referenceId(), op.effect(), op.operation(), op.field(), before, array.deepCopy());
        }
        // x[*].y: set y on every member of x.
        int last = path.length() - 1;
        List<JsonNode> members = BodyPaths.containers(body, path, last);
        boolean changed = false;
        for (JsonNode m : members) {
            if (!m.isObject()) {
                continue;
            }
            JsonNode before = Values.property(m, path.step(last));
            if (before != null && !before.isNull()) {
                if (Values.deepEquals(before, op.value(), false) || operation.equals("add")) {
                    continue;
                }
                if (operation.equals("append")) {
                    throw new FailedOp("the append would replace '" + text + "' with a different value");
                }
            }
            BodyPaths.put((ObjectNode) m, path.step(last), op.value().deepCopy());
            changed = true;
        }
        return changed ? new Change(op.target().assignmentId(), op.target().referenceId(), op.effect(), op.operation(), op.field(), null,
                op.value()) : null;
    }

    /** Whether two JSON values have the same token type (numbers of any kind match). */
    static boolean sameTokenType(JsonNode a, JsonNode b) {
        return tokenType(a).equals(tokenType(b));
    }

    static String tokenType(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isTextual()) {
            return "string";
        }
        return n.isArray() ? "array" : "object";
    }

    /** The value an operation would leave at its field (for conflict detection); REMOVED for removals. */
    static JsonNode outcome(Op op) {
        return op.operation().equalsIgnoreCase("remove") ? REMOVED : op.value();
    }

    static final JsonNode REMOVED = Values.object().put("$removed", true);

    private FieldRef resolve(String field) {
        FieldRef ref;
        try {
            ref = fields.resolve(field);
        } catch (RuntimeException e) {
            throw new FailedOp("the field '" + field + "' is not valid: " + e.getMessage());
        }
        if (ref == null) {
            throw new FailedOp("the field '" + field + "' names no tag, property or alias");
        }
        return ref;
    }

    private static ObjectNode tagsOf(ObjectNode body) {
        JsonNode tags = Values.property(body, "tags");
        if (tags != null && tags.isObject()) {
            return (ObjectNode) tags;
        }
        ObjectNode t = Values.object();
        BodyPaths.put(body, "tags", t);
        return t;
    }

    /** Tag values are strings in ARM. */
    private static JsonNode tagValue(JsonNode v) {
        return v.isTextual() ? v : com.fasterxml.jackson.databind.node.TextNode.valueOf(Values.toText(v));
    }

    /** An operation that can't be applied; the caller turns it into a deny (Append) or the conflict effect (Modify). */
    static final class FailedOp extends RuntimeException {
        FailedOp(String message) {
            super(message, null, false, false);
        }
    }
}
