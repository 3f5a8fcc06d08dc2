package io.rampart.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rampart.expression.Values;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as Azure reads policies and templates: {@code //} and {@code /* *\/} comments, trailing
 * commas and raw line breaks inside strings are accepted; property names are matched without
 * regard to case. Parse failures become {@link JsonInputException}s that name the file, line and
 * column.
 */
public final class Json {

    /** Deepest JSON nesting accepted when reading a file. */
    public static final int MAX_NESTING = 512;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .nodeFactory(Values.NODES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * Reads UTF-8 (a byte-order mark is skipped; UTF-16 with a byte-order mark is read too). The
     * bytes are decoded here rather than by Jackson, whose encoding detection reads a document
     * with NUL characters near its start as UTF-16 or UTF-32 — so that a stream and the same text
     * as a string always read alike.
     */
    public static JsonNode read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new JsonInputException(source, 0, 0, "cannot be read: " + e.getMessage());
        }
        return read(decode(bytes), source);
    }

    /** Text of a file: UTF-8, or UTF-16 when it starts with a UTF-16 byte-order mark; a UTF-8 byte-order mark is dropped. */
    public static String decode(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, b.length - 3, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_16);
        }
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static JsonNode read(String text, String source) {
        return parse(() -> MAPPER.readTree(text), source);
    }

    private interface Parser {
        JsonNode parse() throws IOException;
    }

    private static JsonNode parse(Parser parser, String source) {
        try {
            JsonNode node = parser.parse();
            if (node == null || node.isMissingNode()) {
                throw new JsonInputException(source, 1, 1, "is empty; expected a JSON value");
            }
            return finite(node, source);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new JsonInputException(source, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "is not valid JSON: " + problem(e));
        } catch (IOException e) {
            throw new JsonInputException(source, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode finite(JsonNode node, String source) {
        java.util.ArrayDeque<Map.Entry<String, JsonNode>> stack = new java.util.ArrayDeque<>();
        stack.push(Map.entry("$", node));
        while (!stack.isEmpty()) {
            Map.Entry<String, JsonNode> e = stack.pop();
            JsonNode n = e.getValue();
            if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
                throw new JsonInputException(source, 0, 0, "has a number out of range at " + e.getKey());
            }
            if (n.isObject()) {
                n.fields().forEachRemaining(f -> stack.push(Map.entry(path(e.getKey(), f.getKey()), f.getValue())));
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    stack.push(Map.entry(path(e.getKey(), i), n.get(i)));
                }
            }
        }
        return node;
    }

    /**
     * The parser's message without Jackson's internals (source descriptions, method names); the
     * file, line and column are reported separately.
     */
    static String problem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unreadable input";
        }
        return m.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll("\\[Source: [^\\]]*]", "")
                .replaceAll(",? from `[A-Za-z]+\\.[A-Za-z]+\\(\\)`", "")
                .replace("Unexpected character", "unexpected character")
                .replace("Unexpected end-of-input", "unexpected end of input")
                .strip();
    }

    /** Case-insensitive property lookup; null when absent. */
    public static JsonNode get(JsonNode object, String name) {
        return Values.property(object, name);
    }

    /** Case-insensitive lookup of a text property; null when absent or not text. */
    public static String text(JsonNode object, String name) {
        JsonNode v = get(object, name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The (first) entry of an object, with its original key. */
    public static Map.Entry<String, JsonNode> entry(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The JSON path of the first value nested deeper than {@code maxDepth} levels below
     * {@code node}, or null. Iterative, so it is safe on any depth: trees built in memory are not
     * limited by the parser's {@link #MAX_NESTING}, and the recursive compilers must not see them.
     */
    public static String pathDeeperThan(JsonNode node, String basePath, int maxDepth) {
        record Frame(JsonNode node, int depth, Frame parent, String step) {
            String path(String base) {
                StringBuilder sb = new StringBuilder();
                java.util.ArrayDeque<String> steps = new java.util.ArrayDeque<>();
                for (Frame f = this; f != null && f.step != null; f = f.parent) {
                    steps.push(f.step);
                }
                sb.append(base);
                steps.forEach(sb::append);
                return sb.toString();
            }
        }
        if (node == null) {
            return null;
        }
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        stack.push(new Frame(node, 0, null, null));
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.depth > maxDepth) {
                return f.path(basePath);
            }
            if (f.node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = f.node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isContainerNode()) {
                        stack.push(new Frame(e.getValue(), f.depth + 1, f, path("", e.getKey())));
                    }
                }
            } else if (f.node.isArray()) {
                for (int i = 0; i < f.node.size(); i++) {
                    if (f.node.get(i).isContainerNode()) {
                        stack.push(new Frame(f.node.get(i), f.depth + 1, f, path("", i)));
                    }
                }
            }
        }
        return null;
    }

    /** Appends a property name to a JSON path, quoting it when it is not a plain identifier. */
    public static String path(String parent, String property) {
        if (isIdentifier(property)) {
            return parent + "." + property;
        }
        return parent + "['" + property.replace("'", "\\'") + "']";
    }

    /** [A-Za-z_$][A-Za-z0-9_$]* without a regex: this runs for every property of every file read (bench: half of parse time). */
    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The node at a JSON path as {@link #path} builds them ({@code $.a.b[2]['c d']}), or null. */
    public static JsonNode at(JsonNode root, String path) {
        if (path == null || !path.startsWith("$")) {
            return null;
        }
        JsonNode n = root;
        int i = 1;
        while (n != null && i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                n = n.get(path.substring(i + 1, end));
                i = end;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '\'') {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (j < path.length() && path.charAt(j) != '\'') {
                    if (path.charAt(j) == '\\' && j + 1 < path.length()) {
                        j++;
                    }
                    key.append(path.charAt(j++));
                }
                n = n.get(key.toString());
                i = j + 2;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                try {
                    n = n.get(Integer.parseInt(path.substring(i + 1, end)));
                } catch (NumberFormatException e) {
                    return null;
                }
                i = end + 1;
            } else {
                return null;
            }
        }
        return n;
    }

    public static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
