package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an assignments file ({@code --assignments FILE}): a JSON list of assignments, each
 *
 * <pre>{@code
 * {"name": "storage-deny",                       // optional; default: the policy's display name
 *  "definition": "404c3081-..." | "policies/x.json",   // or "initiative": ... (exactly one)
 *  "parameters": {"effect": "Deny"},             // or {"effect": {"value": "Deny"}}
 *  "enforcementMode": "Default" | "DoNotEnforce",
 *  "nonComplianceMessages": [{"message": "...", "policyDefinitionReferenceId": "..."}]}
 * }</pre>
 *
 * ({@code "nonComplianceMessage": "..."} is short for one message without a reference id.)
 * An ARM policy assignment resource ({@code {"name", "properties": {"policyDefinitionId",
 * "parameters", "enforcementMode", "nonComplianceMessages"}}}) is read too, and so are
 * {@code {"value": [...]}} (an ARM list response) and a single assignment object. File paths are
 * relative to the assignments file.
 */
public final class AssignmentsFile {

    private static final Set<String> KEYS = Set.of("name", "displayname", "definition", "policy", "initiative", "parameters",
            "enforcementmode", "noncompliancemessages", "noncompliancemessage", "description", "$schema");

    private final TemplateSource source;
    private final String baseDir;
    private final List<String> problems = new ArrayList<>();

    private AssignmentsFile(TemplateSource source, String baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    /**
     * @param source  the file, parsed (lenient JSON, with locations)
     * @param baseDir the file's folder, for relative policy paths
     * @throws GateInputException naming file, line, column and JSON path of every problem
     */
    public static List<Assignment> read(TemplateSource source, String baseDir) {
        AssignmentsFile f = new AssignmentsFile(source, baseDir);
        List<Assignment> out = f.read();
        if (!f.problems.isEmpty()) {
            throw new GateInputException(f.problems);
        }
        return out;
    }

    private List<Assignment> read() {
        JsonNode root = source.root();
        List<Assignment> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                one(root.get(i), Json.path("$", i), out);
            }
        } else if (root.isObject() && Json.get(root, "value") != null && Json.get(root, "value").isArray()) {
            JsonNode list = Json.get(root, "value");
            for (int i = 0; i < list.size(); i++) {
                one(list.get(i), Json.path("$.value", i), out);
            }
        } else if (root.isObject()) {
            one(root, "$", out);
        } else {
            problem("$", "expected a JSON list of assignments ([{\"definition\": ..., \"parameters\": {...}}]) but found " + describe(root));
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problem("$", "expected at least one assignment but the list is empty");
        }
        return out;
    }

    private void one(JsonNode a, String path, List<Assignment> out) {
        if (!a.isObject()) {
            problem(path, "expected an assignment object ({\"definition\" or \"initiative\": ..., \"parameters\": {...}}) but found "
                    + describe(a));
            return;
        }
        JsonNode props = Json.get(a, "properties");
        boolean arm = props != null && props.isObject() && Json.get(a, "definition") == null && Json.get(a, "initiative") == null;
        JsonNode body = arm ? props : a;
        String bodyPath = arm ? path + ".properties" : path;
        if (!arm) {
            for (var it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k.toLowerCase(Locale.ROOT))) {
                    problem(Json.path(path, k), "unknown property '" + k + "'; expected name, definition or initiative, parameters, "
                            + "enforcementMode, nonComplianceMessages");
                }
            }
        }
        String name = text(a, "name", path);
        Assignment.Target target;
        String ref;
        String refPath;
        if (arm) {
            ref = text(body, "policyDefinitionId", bodyPath);
            refPath = Json.path(bodyPath, "policyDefinitionId");
            if (ref == null) {
                problem(bodyPath, "expected properties.policyDefinitionId (the definition or initiative assigned)");
                return;
            }
            String lower = ref.toLowerCase(Locale.ROOT);
            target = lower.contains("/policysetdefinitions/") ? Assignment.Target.INITIATIVE
                    : lower.contains("/policydefinitions/") ? Assignment.Target.DEFINITION : Assignment.Target.ANY;
        } else {
            String def = text(a, "definition", path);
            String pol = text(a, "policy", path);
            String ini = text(a, "initiative", path);
            int given = (def != null ? 1 : 0) + (pol != null ? 1 : 0) + (ini != null ? 1 : 0);
            if (given != 1) {
                problem(path, given == 0 ? "expected \"definition\" or \"initiative\": a built-in's GUID, id or display name, or a file"
                        : "give either \"definition\" or \"initiative\", not both");
                return;
            }
            target = ini != null ? Assignment.Target.INITIATIVE : Assignment.Target.DEFINITION;
            ref = ini != null ? ini : def != null ? def : pol;
            refPath = Json.path(path, ini != null ? "initiative" : def != null ? "definition" : "policy");
        }
        if (ref != null && ref.isBlank()) {
            problem(refPath, "expected a built-in's GUID, id or display name, or a file, but the string is empty");
            return;
        }
        Map<String, JsonNode> params = parameters(body, bodyPath);
        EnforcementMode mode = EnforcementMode.DEFAULT;
        String m = text(body, "enforcementMode", bodyPath);
        if (m != null) {
            mode = EnforcementMode.parse(m);
            if (mode == null) {
                problem(Json.path(bodyPath, "enforcementMode"), "expected \"Default\" or \"DoNotEnforce\" but found \"" + m + "\"");
                mode = EnforcementMode.DEFAULT;
            }
        }
        List<Assignment.NonComplianceMessage> messages = messages(body, bodyPath);
        SourceLocation at = TemplateCheck.locate(source, path);
        String origin = source.name() + (at.line() > 0 ? ":" + at.line() + ":" + at.column() : "") + ": " + path;
        out.add(new Assignment(name, target, ref, baseDir, params, mode, messages, origin));
    }

    private Map<String, JsonNode> parameters(JsonNode body, String path) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode p = Json.get(body, "parameters");
        String pp = Json.path(path, "parameters");
        if (p == null || p.isNull()) {
            return out;
        }
        if (!p.isObject()) {
            problem(pp, "expected an object of parameter values ({\"name\": value} or {\"name\": {\"value\": v}}) but found " + describe(p));
            return out;
        }
        for (var e : p.properties()) {
            out.put(e.getKey(), ParameterValues.unwrap(e.getValue()));
        }
        return out;
    }

    private List<Assignment.NonComplianceMessage> messages(JsonNode body, String path) {
        List<Assignment.NonComplianceMessage> out = new ArrayList<>();
        String single = text(body, "nonComplianceMessage", path);
        if (single != null) {
            out.add(new Assignment.NonComplianceMessage(single, null));
        }
        JsonNode list = Json.get(body, "nonComplianceMessages");
        if (list == null || list.isNull()) {
            return out;
        }
        String lp = Json.path(path, "nonComplianceMessages");
        if (!list.isArray()) {
            problem(lp, "expected a list of {\"message\": ..., \"policyDefinitionReferenceId\": ...} but found " + describe(list));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String ip = Json.path(lp, i);
            if (n.isTextual()) {
                out.add(new Assignment.NonComplianceMessage(n.textValue(), null));
                continue;
            }
            String msg = n.isObject() ? text(n, "message", ip) : null;
            if (msg == null) {
                problem(ip, "expected {\"message\": \"...\"} but found " + describe(n));
                continue;
            }
            out.add(new Assignment.NonComplianceMessage(msg, text(n, "policyDefinitionReferenceId", ip)));
        }
        return out;
    }

    private String text(JsonNode o, String key, String path) {
        JsonNode v = Json.get(o, key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problem(Json.path(path, key), "expected a string but found " + describe(v));
            return null;
        }
        return v.textValue();
    }

    private void problem(String path, String message) {
        SourceLocation l = TemplateCheck.locate(source, path);
        problems.add(source.name() + (l.line() > 0 ? ":" + l.line() + ":" + l.column() : "") + ": " + path + ": " + message);
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array of " + n.size();
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isTextual()) {
            String s = n.textValue();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (n.isBoolean()) {
            return "a boolean (" + n + ")";
        }
        if (n.isNumber()) {
            return "a number (" + n + ")";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
