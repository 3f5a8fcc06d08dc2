package io.rampart.policy.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The declared type of a definition parameter. Names are case-insensitive in definitions. */
public enum ParameterType {
    STRING("String"), ARRAY("Array"), OBJECT("Object"), BOOLEAN("Boolean"), INTEGER("Integer"), FLOAT("Float"), DATETIME("DateTime");

    private final String displayName;

    ParameterType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Null when the name is not a parameter type. */
    public static ParameterType parse(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "string" -> STRING;
            case "array" -> ARRAY;
            case "object" -> OBJECT;
            case "boolean", "bool" -> BOOLEAN;
            case "integer", "int" -> INTEGER;
            case "float" -> FLOAT;
            case "datetime" -> DATETIME;
            default -> null;
        };
    }

    /** Whether a value may be given for a parameter of this type. */
    public boolean accepts(JsonNode v) {
        if (v == null || v.isNull()) {
            return true;
        }
        return switch (this) {
            case STRING -> v.isTextual();
            case ARRAY -> v.isArray();
            case OBJECT -> v.isObject();
            case BOOLEAN -> v.isBoolean();
            case INTEGER -> v.isIntegralNumber();
            case FLOAT -> v.isNumber();
            case DATETIME -> v.isTextual() && isDateTime(v.textValue());
        };
    }

    private static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDateTime.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }
}
