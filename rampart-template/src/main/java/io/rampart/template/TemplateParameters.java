package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameter values a check runs with: those given (a parameters file), with the
 * azure-quickstart-templates placeholders ({@code GEN-UNIQUE}, {@code GEN-PASSWORD}, ...) replaced
 * by values of the right shape, and — unless strict — every required parameter without a value
 * given a generated value of its declared type ({@link GeneratedParameters}); staged-artifact
 * parameters ({@code _artifactsLocation}, {@code _artifactsLocationSasToken}) not given get the
 * values the quickstart deployment scripts pass. ARM itself refuses
 * a deployment with a required parameter missing; a check before deployment is more useful when
 * it goes on with a stand-in and says so, because policies rarely depend on those values (names,
 * passwords, ids). The caller reports {@link #placeholders()} and {@link #generated()}.
 *
 * @param values       the values to expand with (case-insensitive names, as ARM matches them)
 * @param placeholders the parameters whose quickstart placeholders were replaced
 * @param generated    the required parameters that had no value and got a generated one
 */
public record TemplateParameters(Map<String, JsonNode> values, List<String> placeholders, List<String> generated) {

    public TemplateParameters {
        values = java.util.Collections.unmodifiableMap(values);
        placeholders = List.copyOf(placeholders);
        generated = List.copyOf(generated);
    }

    /**
     * @param template the template's root object
     * @param given    the values from the parameters file (may be empty)
     * @param context  the deployment stand-ins (ids inside generated values use its subscription)
     * @param strict   leave the values as given, as ARM would (no placeholders, nothing generated)
     */
    public static TemplateParameters prepare(JsonNode template, Map<String, JsonNode> given, DeploymentContext context, boolean strict) {
        Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.putAll(given);
        if (strict) {
            return new TemplateParameters(values, List.of(), List.of());
        }
        List<String> placeholders = new QuickstartPlaceholders(context).fill(values, template);
        List<String> generated = new ArrayList<>();
        JsonNode declared = Json.get(template, "parameters");
        if (declared != null && declared.isObject()) {
            GeneratedParameters.required(template, context).forEach((name, value) -> {
                JsonNode v = values.get(name);
                if (v == null || v.isNull() && !nullable(Json.get(declared, name))) {
                    values.put(name, value);
                    generated.add(name);
                }
            });
            // The quickstart deployment scripts always pass a SAS token for the staged artifacts,
            // even where the template defaults it to "" (replace(x, token, '') fails on "").
            declared.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("_") && name.toLowerCase(java.util.Locale.ROOT).endsWith("sastoken") && !values.containsKey(name)) {
                    values.put(name, GeneratedParameters.SAS_TOKEN);
                    generated.add(name);
                }
            });
        }
        return new TemplateParameters(values, placeholders, generated);
    }

    private static boolean nullable(JsonNode decl) {
        JsonNode n = Json.get(decl, "nullable");
        return n != null && n.asBoolean(false);
    }
}
