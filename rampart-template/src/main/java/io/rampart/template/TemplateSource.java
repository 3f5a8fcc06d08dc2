package io.rampart.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A template (or parameter file) read as ARM reads it — comments, trailing commas and raw line
 * breaks in strings accepted — together with the line and column of every object, array and
 * property in it, so findings can point into the file.
 */
public final class TemplateSource {

    private final String name;
    private final JsonNode root;
    private final Map<String, int[]> locations;
    /**
     * The templates in this source compiled by the engine, by template node: a source expanded
     * again (other parameters, another scope) is not compiled again. Compiled templates are
     * immutable, so expansions on several threads share them.
     */
    final Map<JsonNode, Object> compiled = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private TemplateSource(String name, JsonNode root, Map<String, int[]> locations) {
        this.name = name;
        this.root = root;
        this.locations = locations;
    }

    /**
     * Parses the text.
     *
     * @throws JsonInputException naming the source, line and column when it is not JSON ARM accepts
     */
    public static TemplateSource parse(String text, String name) {
        Map<String, int[]> locations = new HashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonInputException(name, 1, 1, "is empty; expected a JSON object");
            }
            JsonNode root = read(p, "$", locations);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new JsonInputException(name, l.getLineNr(), l.getColumnNr(), "has more content after the end of the JSON value");
            }
            // Reuse the engine's checks (nesting, finite numbers) on the tree.
            Json.read(Values.toJson(root), name);
            return new TemplateSource(name, root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            // Json.read produces the cleaned message; parse again to get it.
            try {
                Json.read(text, name);
            } catch (JsonInputException clean) {
                throw clean;
            }
            throw new JsonInputException(name, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "is not valid JSON");
        } catch (IOException e) {
            throw new JsonInputException(name, 0, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** A source for a tree that has no file (e.g. a nested template given inline by a caller). */
    public static TemplateSource of(JsonNode root, String name) {
        return new TemplateSource(name, root, Map.of());
    }

    private static JsonNode read(JsonParser p, String path, Map<String, int[]> locations) throws IOException {
        JsonToken t = p.currentToken();
        JsonLocation at = p.currentTokenLocation();
        switch (t) {
            case START_OBJECT -> {
                locations.put(path, new int[]{at.getLineNr(), at.getColumnNr()});
                ObjectNode o = Values.object();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    String child = Json.path(path, field);
                    JsonLocation fl = p.currentTokenLocation();
                    p.nextToken();
                    locations.putIfAbsent(child, new int[]{fl.getLineNr(), fl.getColumnNr()});
                    o.set(field, read(p, child, locations));
                }
                return o;
            }
            case START_ARRAY -> {
                locations.put(path, new int[]{at.getLineNr(), at.getColumnNr()});
                ArrayNode a = Values.array();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, Json.path(path, i++), locations));
                }
                return a;
            }
            case VALUE_STRING -> {
                return Values.NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? Values.NODES.numberNode(p.getBigIntegerValue()) : Values.NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return Values.NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return Values.NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return Values.NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return Values.NODES.nullNode();
            }
            default -> throw new JsonInputException("", at.getLineNr(), at.getColumnNr(), "unexpected token " + t);
        }
    }

    public String name() {
        return name;
    }

    public JsonNode root() {
        return root;
    }

    /** The node at a JSON path (as {@link Json#path} builds them), or null. */
    JsonNode nodeAt(String jsonPath) {
        return Json.at(root, jsonPath);
    }

    /** The location of the value at a JSON path (as {@link Json#path} builds them). */
    public SourceLocation locate(String jsonPath) {
        int[] l = locations.get(jsonPath);
        return l == null ? new SourceLocation(name, 0, 0, jsonPath) : new SourceLocation(name, l[0], l[1], jsonPath);
    }
}
