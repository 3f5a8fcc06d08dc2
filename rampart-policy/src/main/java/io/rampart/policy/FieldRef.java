package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Values;
import io.rampart.policy.alias.Alias;
import io.rampart.policy.alias.PropertyPath;

import java.util.List;

/**
 * What a {@code field} names, resolved once at compile time: a built-in field (name, type,
 * location, ...), a tag, a top-level property path (identity.type, tags) or an alias.
 */
public sealed interface FieldRef permits FieldRef.Builtin, FieldRef.Tag, FieldRef.ResourcePath, FieldRef.AliasField {

    /** How applicability treats conditions on the field. */
    enum Kind {
        TYPE, NAME, KIND, LOCATION, OTHER
    }

    /** The field as the author wrote it. */
    String name();

    /** The JSON path reported in explanations. */
    String pathText();

    Kind kind();

    /** True when the field selects a collection of values ([*] in its path). */
    boolean isCollection();

    /** The value of a single-valued field; null when missing. */
    JsonNode single(EvaluationState st, ResourceView r);

    /** The values of a collection field (members lacking the property are skipped). */
    void collect(EvaluationState st, ResourceView r, List<JsonNode> out);

    /** name, fullName, kind, type, location, id. */
    record Builtin(String name, Kind kind, String which) implements FieldRef {
        @Override
        public String pathText() {
            return which;
        }

        @Override
        public boolean isCollection() {
            return false;
        }

        @Override
        public JsonNode single(EvaluationState st, ResourceView r) {
            return switch (which) {
                case "name" -> TextNode.valueOf(r.shortName());
                case "fullName" -> TextNode.valueOf(r.fullName());
                case "type" -> r.type().isEmpty() ? null : TextNode.valueOf(r.type());
                default -> Values.property(r.json(), which);
            };
        }

        @Override
        public void collect(EvaluationState st, ResourceView r, List<JsonNode> out) {
            JsonNode v = single(st, r);
            if (v != null) {
                out.add(v);
            }
        }
    }

    /** {@code tags['name']}: tag names are case-insensitive. */
    record Tag(String name, String tag) implements FieldRef {
        @Override
        public String pathText() {
            return "tags['" + tag.replace("'", "''") + "']";
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public boolean isCollection() {
            return false;
        }

        @Override
        public JsonNode single(EvaluationState st, ResourceView r) {
            return Values.property(Values.property(r.json(), "tags"), tag);
        }

        @Override
        public void collect(EvaluationState st, ResourceView r, List<JsonNode> out) {
            JsonNode v = single(st, r);
            if (v != null) {
                out.add(v);
            }
        }
    }

    /** A path on the resource itself, valid for every type: {@code tags}, {@code identity.type}. */
    record ResourcePath(String name, PropertyPath path) implements FieldRef {
        @Override
        public String pathText() {
            return path.text();
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public boolean isCollection() {
            return path.hasWildcard();
        }

        @Override
        public JsonNode single(EvaluationState st, ResourceView r) {
            return st.selectSingle(r.json(), path);
        }

        @Override
        public void collect(EvaluationState st, ResourceView r, List<JsonNode> out) {
            st.select(r.json(), path, out);
        }
    }

    /**
     * A property alias. It reads nothing from a resource of another type; a namespace-level alias
     * with several paths uses the first path that exists on the resource.
     */
    record AliasField(String name, Alias alias) implements FieldRef {
        @Override
        public String pathText() {
            return alias.path().text();
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public boolean isCollection() {
            return alias.isArrayAlias();
        }

        @Override
        public JsonNode single(EvaluationState st, ResourceView r) {
            if (!alias.appliesTo(r.lowerType())) {
                return null;
            }
            for (PropertyPath p : alias.paths()) {
                JsonNode v = st.selectSingle(r.json(), p);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public void collect(EvaluationState st, ResourceView r, List<JsonNode> out) {
            if (!alias.appliesTo(r.lowerType())) {
                return;
            }
            for (PropertyPath p : alias.paths()) {
                int before = out.size();
                st.select(r.json(), p, out);
                if (out.size() > before) {
                    return;
                }
            }
        }

        /** The path used on this resource: the first whose part before any [*] exists on it. */
        public PropertyPath pathFor(EvaluationState st, ResourceView r) {
            if (alias.paths().size() > 1) {
                for (PropertyPath p : alias.paths()) {
                    if (prefixExists(r.json(), p)) {
                        return p;
                    }
                }
            }
            return alias.path();
        }

        private static boolean prefixExists(JsonNode node, PropertyPath p) {
            for (int i = 0; i < p.length() && !p.isWildcard(i); i++) {
                node = Values.property(node, p.step(i));
                if (node == null) {
                    return false;
                }
            }
            return true;
        }
    }
}
