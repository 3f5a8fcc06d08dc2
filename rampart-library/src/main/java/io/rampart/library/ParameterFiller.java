package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Values;
import io.rampart.policy.model.ParameterDefinition;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Generated values for parameters that have no default, so a definition can be evaluated without
 * an assignment (corpus sweeps, benchmarks, quick checks). Allowed values win; otherwise a value of
 * the declared type shaped by the parameter's strongType.
 */
public final class ParameterFiller {

    private ParameterFiller() {
    }

    /** Values for every parameter without a default (the others take their defaults when bound). */
    public static Map<String, JsonNode> requiredValues(Map<String, ParameterDefinition> parameters) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ParameterDefinition p : parameters.values()) {
            if (!p.hasDefault()) {
                out.put(p.name(), valueFor(p));
            }
        }
        return out;
    }

    public static JsonNode valueFor(ParameterDefinition p) {
        if (p.allowedValues() != null && !p.allowedValues().isEmpty()) {
            JsonNode first = p.allowedValues().get(0);
            if (p.type() == io.rampart.policy.model.ParameterType.ARRAY && !first.isArray()) {
                ArrayNode a = Values.array();
                a.add(first);
                return a;
            }
            return first;
        }
        String sample = sample(p.strongType());
        return switch (p.type()) {
            case STRING -> TextNode.valueOf(sample);
            case ARRAY -> {
                ArrayNode a = Values.array();
                a.add(sample);
                yield a;
            }
            case OBJECT -> Values.object();
            case BOOLEAN -> BooleanNode.FALSE;
            case INTEGER -> LongNode.valueOf(0);
            case FLOAT -> Values.NODES.numberNode(0.0);
            case DATETIME -> TextNode.valueOf("2024-01-01T00:00:00Z");
        };
    }

    private static String sample(String strongType) {
        if (strongType == null) {
            return "placeholder";
        }
        return switch (strongType.toLowerCase(Locale.ROOT)) {
            case "location" -> "eastus";
            case "resourcetypes" -> "Microsoft.Storage/storageAccounts";
            case "existingresourcegroups", "resourcegroup" -> "rampart-rg";
            case "omsworkspace", "microsoft.operationalinsights/workspaces" ->
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rampart-rg/providers/Microsoft.OperationalInsights/workspaces/rampart";
            case "microsoft.network/virtualnetworks/subnets" ->
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rampart-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default";
            default -> strongType.contains("/")
                    ? "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rampart-rg/providers/" + strongType + "/rampart"
                    : "placeholder";
        };
    }
}
