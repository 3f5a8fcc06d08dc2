package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.FunctionDef;
import io.rampart.policy.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user-defined functions of one template (user-defined-functions.md) as library functions.
 * A body may use only its own parameters; calls between functions are allowed (languageVersion
 * 2.0 / Bicep) but a function reached again while it runs is infinite recursion and an error.
 */
final class UserFunctions {

    /** How deep user functions may call each other. */
    static final int MAX_CALL_DEPTH = 64;

    /** One running call: its function, its arguments by name, and its caller. */
    record Call(FunctionDecl function, Map<String, JsonNode> arguments, Call caller, int depth) {
    }

    private final Map<String, Tree> bodies = new HashMap<>();
    private final List<FunctionDecl> declarations;

    UserFunctions(List<FunctionDecl> declarations) {
        this.declarations = declarations;
    }

    List<FunctionDef> definitions() {
        List<FunctionDef> out = new ArrayList<>();
        for (FunctionDecl d : declarations) {
            int n = d.parameters().size();
            out.add(FunctionDef.contextual(d.qualifiedName(), n, n, a -> invoke(d, a)));
        }
        return out;
    }

    /** Compiles the bodies once the template's library (which holds these functions) exists. */
    void compile(TreeCompiler c, TemplateSource source) {
        for (FunctionDecl d : declarations) {
            Map.Entry<String, JsonNode> value = Json.entry(d.output(), "value");
            bodies.put(key(d), c.compile(value.getValue(), Json.path(d.outputPath(), value.getKey()), source, true));
        }
    }

    private static String key(FunctionDecl d) {
        return d.qualifiedName().toLowerCase(Locale.ROOT);
    }

    private JsonNode invoke(FunctionDecl d, Arguments a) {
        Evaluation caller = a.context().requireHost(Evaluation.class, a.function());
        int depth = caller.call == null ? 1 : caller.call.depth() + 1;
        for (Call c = caller.call; c != null; c = c.caller()) {
            if (c.function() == d) {
                throw new CodedExpressionException(Codes.RECURSIVE_FUNCTION, "The user-defined function '" + d.qualifiedName()
                        + "' calls itself (through " + chain(caller.call, d) + "); recursive function calls are not allowed.");
            }
        }
        if (depth > MAX_CALL_DEPTH) {
            throw new CodedExpressionException(Codes.RECURSIVE_FUNCTION, "User-defined functions are nested more than " + MAX_CALL_DEPTH + " calls deep.");
        }
        Map<String, JsonNode> args = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TypeChecker types = caller.bindings.types;
        for (int i = 0; i < d.parameters().size(); i++) {
            FunctionDecl.Param p = d.parameters().get(i);
            JsonNode v = a.get(i);
            TypeChecker.Violation violation = types.check(p.declaration(), v);
            if (violation != null) {
                throw new CodedExpressionException(violation.code(), "The value of the parameter '" + p.name() + "' of the user-defined function '"
                        + d.qualifiedName() + "' is not valid: " + violation.message());
            }
            args.put(p.name(), v);
        }
        Tree body = bodies.get(key(d));
        Evaluation ev = new Evaluation(caller.bindings, null, null, Site.USER_FUNCTION, null, new Call(d, args, caller.call, depth));
        return body.eval(ev);
    }

    private static String chain(Call from, FunctionDecl d) {
        List<String> names = new ArrayList<>();
        for (Call c = from; c != null; c = c.caller()) {
            names.add(0, c.function().qualifiedName());
        }
        names.add(d.qualifiedName());
        return String.join(" -> ", names);
    }
}
