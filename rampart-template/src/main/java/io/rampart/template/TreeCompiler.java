package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ArmString;
import io.rampart.expression.CompiledExpression;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.policy.Json;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compiles template JSON into {@link Tree}s against one function library (the template's, with
 * its user functions). Each JSON node is compiled once: the result is cached by node identity, so
 * a nested template inside a copy loop is compiled once however many times it is deployed.
 */
final class TreeCompiler {

    private final ExpressionCompiler compiler;
    private final Map<JsonNode, Tree> plain = new IdentityHashMap<>();
    private final Map<JsonNode, Tree> withCopies = new IdentityHashMap<>();

    TreeCompiler(ExpressionCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * @param copyLoops true where ARM expands {@code copy} arrays (resource properties, variable
     *                  values)
     */
    Tree compile(JsonNode json, String path, TemplateSource source, boolean copyLoops) {
        Map<JsonNode, Tree> cache = copyLoops ? withCopies : plain;
        Tree cached = json == null ? null : cache.get(json);
        if (cached != null && cached.path().equals(path)) {
            return cached;
        }
        Tree t = build(json, path, source, copyLoops);
        if (json != null) {
            cache.put(json, t);
        }
        return t;
    }

    /** A single expression string, compiled (used for values that are never JSON containers). */
    CompiledExpression expression(String text, String path, TemplateSource source) {
        try {
            return compiler.compileString(text);
        } catch (ExpressionException e) {
            throw TemplateError.at(source.locate(path), Codes.INVALID_EXPRESSION,
                    "The template language expression '" + text + "' is not valid: " + e.getMessage());
        }
    }

    private Tree build(JsonNode json, String path, TemplateSource source, boolean copyLoops) {
        if (json == null) {
            return new Tree.Const(io.rampart.expression.Values.NODES.nullNode(), path);
        }
        if (json.isTextual()) {
            String text = json.textValue();
            CompiledExpression e = expression(text, path, source);
            return e.isConstant() ? new Tree.Const(e.constantValue(), path) : new Tree.Expr(e, path);
        }
        if (json.isArray()) {
            List<Tree> items = new ArrayList<>(json.size());
            boolean constant = true;
            for (int i = 0; i < json.size(); i++) {
                Tree t = build(json.get(i), Json.path(path, i), source, copyLoops);
                constant &= t.constant() != null;
                items.add(t);
            }
            if (constant && !containsExpressionText(json)) {
                return new Tree.Const(json, path);
            }
            return constant ? new Tree.Const(new Tree.Arr(items, path).eval(null), path) : new Tree.Arr(List.copyOf(items), path);
        }
        if (json.isObject()) {
            List<String> keys = new ArrayList<>(json.size());
            List<Tree> values = new ArrayList<>(json.size());
            List<Tree.CopyLoop> copies = new ArrayList<>();
            boolean constant = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = Json.path(path, e.getKey());
                if (copyLoops && isCopyArray(e.getKey(), e.getValue())) {
                    copies.addAll(copyLoops(e.getValue(), childPath, source));
                    constant = false;
                    continue;
                }
                Tree t = build(e.getValue(), childPath, source, copyLoops);
                constant &= t.constant() != null;
                keys.add(e.getKey());
                values.add(t);
            }
            if (constant && !containsExpressionText(json)) {
                return new Tree.Const(json, path);
            }
            Tree.Obj obj = new Tree.Obj(List.copyOf(keys), List.copyOf(values), List.copyOf(copies), path);
            return constant ? new Tree.Const(obj.eval(null), path) : obj;
        }
        return new Tree.Const(json, path);
    }

    /** True when a string inside is written as an expression or escaped, so the JSON isn't its own value. */
    private static boolean containsExpressionText(JsonNode json) {
        if (json.isTextual()) {
            return json.textValue().startsWith("[");
        }
        for (JsonNode c : json) {
            if (containsExpressionText(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean isCopyArray(String key, JsonNode value) {
        if (!key.equalsIgnoreCase("copy") || !value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode loop : value) {
            if (!loop.isObject() || Json.get(loop, "name") == null || Json.get(loop, "input") == null) {
                return false;
            }
        }
        return true;
    }

    List<Tree.CopyLoop> copyLoops(JsonNode array, String path, TemplateSource source) {
        List<Tree.CopyLoop> loops = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode loop = array.get(i);
            String loopPath = Json.path(path, i);
            JsonNode name = Json.get(loop, "name");
            if (!name.isTextual() || ArmString.isExpression(name.textValue())) {
                throw TemplateError.at(source.locate(Json.path(loopPath, "name")), Codes.INVALID_TEMPLATE,
                        "The copy loop name must be a literal string.");
            }
            JsonNode count = Json.get(loop, "count");
            if (count == null) {
                throw TemplateError.at(source.locate(loopPath), Codes.INVALID_COPY_COUNT,
                        "The copy loop '" + name.textValue() + "' has no 'count'.");
            }
            loops.add(new Tree.CopyLoop(name.textValue(),
                    build(count, Json.path(loopPath, "count"), source, false),
                    build(Json.get(loop, "input"), Json.path(loopPath, "input"), source, true),
                    loopPath));
        }
        return loops;
    }
}
