package io.rampart.policy;

import io.rampart.policy.alias.Alias;
import io.rampart.policy.alias.AliasTable;
import io.rampart.policy.alias.PropertyPath;

import java.util.Locale;

/**
 * Resolves the text of a {@code field} (or the argument of {@code field()}) to a {@link FieldRef}:
 * built-in fields, the tag forms Azure accepts ({@code tags['a.b']}, {@code tags['''q''']},
 * {@code tags[a.b]}, {@code tags.a}), identity paths and aliases.
 */
public final class FieldResolver {

    private final AliasTable aliases;

    public FieldResolver(AliasTable aliases) {
        this.aliases = aliases;
    }

    public AliasTable aliases() {
        return aliases;
    }

    /** The field, or null when the text names no field Azure Policy knows (and isn't alias-shaped). */
    public FieldRef resolve(String field) {
        String f = field.strip();
        String lower = f.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "name":
                return new FieldRef.Builtin(f, FieldRef.Kind.NAME, "name");
            case "fullname":
                return new FieldRef.Builtin(f, FieldRef.Kind.OTHER, "fullName");
            case "kind":
                return new FieldRef.Builtin(f, FieldRef.Kind.KIND, "kind");
            case "type":
                return new FieldRef.Builtin(f, FieldRef.Kind.TYPE, "type");
            case "location":
                return new FieldRef.Builtin(f, FieldRef.Kind.LOCATION, "location");
            case "id":
                return new FieldRef.Builtin(f, FieldRef.Kind.OTHER, "id");
            case "tags":
                return new FieldRef.ResourcePath(f, PropertyPath.parse("tags"));
            default:
                break;
        }
        if (lower.startsWith("tags[") && f.endsWith("]")) {
            return new FieldRef.Tag(f, tagName(f.substring(5, f.length() - 1)));
        }
        if (lower.startsWith("tags.") && f.length() > 5) {
            return new FieldRef.Tag(f, f.substring(5));
        }
        if (lower.startsWith("identity.") && f.indexOf('/') < 0) {
            try {
                return new FieldRef.ResourcePath(f, PropertyPath.parse(f));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        Alias a = aliases.resolve(f);
        return a == null ? null : new FieldRef.AliasField(f, a);
    }

    /** {@code 'name'} (with '' escaping an apostrophe) or a bare name. */
    static String tagName(String inside) {
        String s = inside.strip();
        if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return s;
    }
}
