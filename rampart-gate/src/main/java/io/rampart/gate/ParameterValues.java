package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.template.QuickstartPlaceholders;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Template parameter values from a parameter file, in any of these shapes:
 *
 * <ul>
 *   <li>an ARM deployment parameters file:
 *       {@code {"$schema": ".../deploymentParameters.json#", "contentVersion": "1.0.0.0",
 *       "parameters": {"x": {"value": 1}, "secret": {"reference": {"keyVault": {"id": "..."}, "secretName": "s"}}}}}
 *       ({@code $schema} and {@code contentVersion} may be missing when {@code parameters} is the only
 *       property and the template declares no parameter called "parameters");</li>
 *   <li>{@code {"x": {"value": 1}}} (every entry wrapped);</li>
 *   <li>plain values: {@code {"x": 1}}.</li>
 * </ul>
 *
 * A Key Vault reference is passed to the template engine as it is written: the value is the
 * whole {@code {"reference": {...}}} object, which the engine reads as a value unknown before
 * deployment.
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    /** The code of problems in parameter files. */
    public static final String INVALID = "InvalidParameterFile";

    /**
     * @param file     the parameter file, parsed
     * @param declared whether the template declares a parameter of this name (case-insensitive)
     * @throws GateInputException naming the file, line, column and JSON path of each problem
     */
    public static Map<String, JsonNode> read(TemplateSource file, Predicate<String> declared) {
        List<TemplateProblem> problems = new ArrayList<>();
        Map<String, JsonNode> out = read(file, declared, problems);
        if (!problems.isEmpty()) {
            throw new GateInputException(problems.stream().map(p -> TemplateCheck.where(p.location()) + ": " + p.message()).toList());
        }
        return out;
    }

    /**
     * As {@link #read(TemplateSource, Predicate)}, adding problems (errors, code
     * {@value #INVALID}) to {@code problems} instead of throwing.
     */
    public static Map<String, JsonNode> read(TemplateSource file, Predicate<String> declared, List<TemplateProblem> problems) {
        return read(file, declared, problems, false);
    }

    /**
     * As {@link #read(TemplateSource, Predicate, List)}; with {@code placeholders}, a Key Vault
     * reference written as an azure-quickstart-templates placeholder ({@code "reference":
     * "GEN-KEYVAULT-PASSWORD-REFERENCE"}) is passed on as {@code {"reference": "GEN-..."}} for
     * {@link io.rampart.template.TemplateParameters} to replace.
     */
    public static Map<String, JsonNode> read(TemplateSource file, Predicate<String> declared, List<TemplateProblem> problems,
                                             boolean placeholders) {
        JsonNode root = file.root();
        if (!root.isObject()) {
            problems.add(problem(file, "$", "expected a JSON object of parameter values "
                    + "({\"parameters\": {\"name\": {\"value\": ...}}}) but found " + AssignmentsFile.describe(root)));
            return Map.of();
        }
        JsonNode params = root;
        String base = "$";
        boolean deployment = false;
        JsonNode inner = Json.get(root, "parameters");
        if (inner != null && (Json.get(root, "$schema") != null || Json.get(root, "contentVersion") != null
                || root.size() == 1 && !declared.test("parameters"))) {
            if (!inner.isObject()) {
                problems.add(problem(file, "$.parameters", "expected an object of {\"name\": {\"value\": ...}} but found "
                        + AssignmentsFile.describe(inner)));
                return Map.of();
            }
            params = inner;
            base = "$.parameters";
            deployment = true;
        }
        boolean wrapped = deployment || allWrapped(params);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (var e : params.properties()) {
            String name = e.getKey();
            if (base.equals("$") && (name.equals("$schema") || name.equalsIgnoreCase("contentVersion"))) {
                continue;
            }
            String path = Json.path(base, name);
            JsonNode v = e.getValue();
            if (wrapped) {
                if (!v.isObject() || Json.get(v, "value") == null && Json.get(v, "reference") == null) {
                    problems.add(problem(file, path, "expected {\"value\": ...} or a Key Vault {\"reference\": {\"keyVault\": {\"id\": ...}, "
                            + "\"secretName\": ...}} but found " + AssignmentsFile.describe(v)));
                    continue;
                }
                JsonNode value = Json.get(v, "value");
                if (value == null) {
                    JsonNode ref = Json.get(v, "reference");
                    if (placeholders && ref.isTextual() && QuickstartPlaceholders.contains(ref)) {
                        out.put(name, keyVaultReference(ref));
                        continue;
                    }
                    if (!ref.isObject() || Json.get(ref, "keyVault") == null || Json.get(ref, "secretName") == null) {
                        problems.add(problem(file, Json.path(path, "reference"), "expected a Key Vault reference "
                                + "{\"keyVault\": {\"id\": \"/subscriptions/.../vaults/name\"}, \"secretName\": \"...\"} but found "
                                + AssignmentsFile.describe(ref)));
                        continue;
                    }
                    value = keyVaultReference(ref);
                }
                v = value;
            }
            out.put(name, v);
        }
        return out;
    }

    /** What the engine is given for a Key Vault reference: the {@code {"reference": {...}}} object as written. */
    static JsonNode keyVaultReference(JsonNode reference) {
        var o = io.rampart.expression.Values.object();
        o.set("reference", reference);
        return o;
    }

    /** {@code {"value": v}} (optionally with "metadata") is v; anything else is itself. */
    public static JsonNode unwrap(JsonNode v) {
        if (v != null && v.isObject() && Json.get(v, "value") != null) {
            for (var it = v.fieldNames(); it.hasNext(); ) {
                String n = it.next().toLowerCase(Locale.ROOT);
                if (!n.equals("value") && !n.equals("metadata")) {
                    return v;
                }
            }
            return Json.get(v, "value");
        }
        return v;
    }

    private static boolean allWrapped(JsonNode params) {
        boolean any = false;
        for (var e : params.properties()) {
            if (e.getKey().equals("$schema") || e.getKey().equalsIgnoreCase("contentVersion")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                return false;
            }
            boolean hasValue = Json.get(v, "value") != null;
            boolean hasRef = Json.get(v, "reference") != null;
            if (hasValue == hasRef) {
                return false;
            }
            for (var it = v.fieldNames(); it.hasNext(); ) {
                String n = it.next().toLowerCase(Locale.ROOT);
                if (!n.equals("value") && !n.equals("reference") && !n.equals("metadata")) {
                    return false;
                }
            }
            any = true;
        }
        return any;
    }

    private static TemplateProblem problem(TemplateSource file, String path, String message) {
        SourceLocation l = TemplateCheck.locate(file, path);
        return new TemplateProblem(true, INVALID, l, message);
    }
}
