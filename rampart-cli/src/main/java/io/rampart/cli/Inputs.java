package io.rampart.cli;

import io.rampart.library.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the files a command is given. Every problem becomes a {@link CliException} whose message
 * names the file and the JSON path (or line and column) and says what was expected.
 */
final class Inputs {

    /** Largest input file read (a guard against reading a disk image by mistake). */
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private Inputs() {
    }

    /** Fails unless {@code file} is a readable regular file. */
    static void requireReadableFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new CliException(file + ": no such file (" + what + ")");
        }
        if (Files.isDirectory(file)) {
            throw new CliException(file + ": is a directory; expected a " + what);
        }
        if (!Files.isReadable(file)) {
            throw new CliException(file + ": cannot be read (permission denied)");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CliException(file + ": is " + (size >> 20) + " MB; rampart reads input files up to "
                        + (MAX_FILE_BYTES >> 20) + " MB");
            }
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Reads a JSON file (comments and trailing commas allowed); {@code -} reads standard input. */
    static JsonNode readJson(Path file, String what) {
        if (file.toString().equals("-")) {
            return readStdin(what);
        }
        requireReadableFile(file, what);
        try {
            return JsonFiles.read(file);
        } catch (JsonInputException e) {
            throw new CliException(cleanJsonMessage(e.getMessage()));
        }
    }

    private static JsonNode readStdin(String what) {
        try {
            InputStream in = System.in;
            return Json.read(in, "<stdin>");
        } catch (JsonInputException e) {
            throw new CliException(cleanJsonMessage(e.getMessage()) + " (" + what + " from standard input)");
        }
    }

    /** A JSON object file (resource group, subscription). */
    static JsonNode readObject(Path file, String what) {
        JsonNode n = readJson(file, what);
        if (!n.isObject()) {
            throw new CliException(file + ": $: expected a JSON object (" + what + ") but found " + describe(n));
        }
        return n;
    }

    /**
     * Resources: one resource object, a JSON array of them, or an ARM list response
     * ({@code {"value": [...]}}). Each must be an object with a string {@code type}.
     */
    static List<JsonNode> readResources(Path file, String what) {
        JsonNode root = readJson(file, what);
        List<JsonNode> out = new ArrayList<>();
        String base = "$";
        JsonNode list = root;
        if (root.isObject() && Json.get(root, "type") == null && Json.get(root, "value") != null && Json.get(root, "value").isArray()) {
            list = Json.get(root, "value");
            base = "$.value";
        }
        if (list.isArray()) {
            if (list.isEmpty()) {
                throw new CliException(file + ": " + base + ": expected at least one resource but the array is empty");
            }
            for (int i = 0; i < list.size(); i++) {
                out.add(checkResource(file, base + "[" + i + "]", list.get(i)));
            }
        } else {
            out.add(checkResource(file, "$", root));
        }
        return out;
    }

    private static JsonNode checkResource(Path file, String path, JsonNode r) {
        if (!r.isObject()) {
            throw new CliException(file + ": " + path + ": expected a resource object (with type, name, properties, ...) but found "
                    + describe(r));
        }
        JsonNode type = Json.get(r, "type");
        if (type == null || !type.isTextual() || type.textValue().isBlank()) {
            throw new CliException(file + ": " + path + ".type: expected the resource type as a string, e.g. "
                    + "\"Microsoft.Storage/storageAccounts\"" + (type == null ? ", but the resource has no type" : " but found " + describe(type)));
        }
        return r;
    }

    /** Parameter values and where each came from (for messages). */
    record Params(Map<String, JsonNode> values, Map<String, String> paths, Path file) {

        static final Params NONE = new Params(Map.of(), Map.of(), null);

        /** "params.json: $.effect" for a parameter given in the file, or the parameter name. */
        String where(String name) {
            for (Map.Entry<String, String> e : paths.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return file + ": " + e.getValue();
                }
            }
            return file == null ? "parameter '" + name + "'" : file + ": $." + name;
        }
    }

    /**
     * Parameter values in any of three shapes: {@code {"name": value}}, {@code {"name": {"value": v}}},
     * or an ARM deployment parameters file ({@code {"$schema": ..., "parameters": {"name": {"value": v}}}}).
     *
     * @param declared whether the policy declares a parameter of this name (tells a deployment file
     *                 without $schema from a parameter that happens to be called "parameters")
     */
    static Params readParams(Path file, java.util.function.Predicate<String> declared) {
        JsonNode root = readJson(file, "parameters file");
        if (!root.isObject()) {
            throw new CliException(file + ": $: expected a JSON object of parameter values ({\"name\": value}) but found " + describe(root));
        }
        JsonNode params = root;
        String base = "$";
        boolean deploymentFile = false;
        JsonNode inner = Json.get(root, "parameters");
        if (inner != null && (Json.get(root, "$schema") != null || Json.get(root, "contentVersion") != null
                || root.size() == 1 && !declared.test("parameters"))) {
            if (!inner.isObject()) {
                throw new CliException(file + ": $.parameters: expected an object of {\"name\": {\"value\": ...}} but found " + describe(inner));
            }
            params = inner;
            base = "$.parameters";
            deploymentFile = true;
        }
        boolean wrapped = deploymentFile || allWrapped(params);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            String path = Json.path(base, e.getKey());
            if (e.getKey().equals("$schema") || e.getKey().equalsIgnoreCase("contentVersion")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (wrapped) {
                JsonNode value = v.isObject() ? Json.get(v, "value") : null;
                if (value == null) {
                    String extra = v.isObject() && Json.get(v, "reference") != null
                            ? " (Key Vault references are not supported; give the value itself)" : "";
                    throw new CliException(file + ": " + path + ": expected {\"value\": ...} but found " + describe(v) + extra);
                }
                v = value;
                path = path + ".value";
            }
            values.put(e.getKey(), v);
            paths.put(e.getKey(), path);
        }
        return new Params(values, paths, file);
    }

    /** Every entry is {"value": v} (optionally with metadata): the ARM parameter-value shape. */
    private static boolean allWrapped(JsonNode params) {
        if (params.isEmpty()) {
            return false;
        }
        for (Iterator<JsonNode> it = params.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (!v.isObject() || Json.get(v, "value") == null) {
                return false;
            }
            for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
                String n = names.next();
                if (!n.equalsIgnoreCase("value") && !n.equalsIgnoreCase("metadata")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A JSON parser message without Jackson's internals: "[Source: REDACTED ...; line: 1, column: 53]"
     * becomes "line 1, column 53", and the StreamReadConstraints method names go.
     */
    static String cleanJsonMessage(String message) {
        if (message == null) {
            return "";
        }
        return message
                .replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll(",? from `[A-Za-z]+\\.[A-Za-z]+\\(\\)`", "")
                .replace("Unexpected character", "unexpected character")
                .replace("Unexpected end-of-input", "unexpected end of input");
    }

    /** "a string", "an array of 3", ... for messages. */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String t = Values.typeName(n).toLowerCase(java.util.Locale.ROOT);
        String article = "aeiou".indexOf(t.charAt(0)) >= 0 ? "an " : "a ";
        if (n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array of " + n.size();
        }
        if (n.isTextual()) {
            String s = n.textValue();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (n.isNumber() || n.isBoolean()) {
            return article + t + " (" + n + ")";
        }
        return article + t;
    }
}
