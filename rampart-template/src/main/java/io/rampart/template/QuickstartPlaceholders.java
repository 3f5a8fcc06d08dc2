package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the quickstart CI substitutes for the GEN-* placeholders in
 * azuredeploy.parameters.json (Azure/azure-quickstart-templates, test/ci-gen-setup). Deterministic:
 * each value derives from the parameter's name, so a sweep is reproducible.
 *
 * <ul>
 *   <li>GEN-UNIQUE → 'ci' + 16 lowercase letters/digits (a globally unique, DNS-safe name);
 *       GEN-UNIQUE-N → N of them (starting with a letter)</li>
 *   <li>GEN-PASSWORD (-AMP) → a password meeting Azure's complexity rules</li>
 *   <li>GEN-SSH-PUB-KEY → a syntactically valid ssh-rsa public key</li>
 *   <li>GEN-GUID, GEN-AZUREAD-OBJECTID / -APPID / -OBJID / -TENANTID → name-based GUIDs</li>
 *   <li>GEN-*-REFERENCE (a Key Vault reference) → {"keyVault": {"id": vault id}, "secretName": ...}</li>
 *   <li>GEN-KEYVAULT-RESOURCE-ID → a vault id; GEN-KEYVAULT-SUBSCRIPTION-ID → the subscription</li>
 *   <li>GEN-*-URI / -URL → an https URL of the right kind (vault secret, blob VHD, ...)</li>
 *   <li>GEN-*-NAME and anything else → a lower-case name derived from the placeholder</li>
 *   <li>certificate data → base64 text; thumbprints → 40 hex digits; host names → *.rampart.example.com</li>
 * </ul>
 */
public final class QuickstartPlaceholders {

    private static final Pattern GEN = Pattern.compile("(?:GEN|GET-PREREQ)[-_](?:(?!GEN[-_])[A-Z0-9-])*[A-Z0-9]", Pattern.CASE_INSENSITIVE);
    private final String subscriptionId;
    private final String vaultId;

    /** Placeholders filled for a deployment with these stand-ins (the subscription of generated ids). */
    public QuickstartPlaceholders(DeploymentContext context) {
        this.subscriptionId = context.subscriptionId();
        this.vaultId = "/subscriptions/" + subscriptionId + "/resourceGroups/rampart-shared/providers/Microsoft.KeyVault/vaults/rampartkv";
    }

    /** Whether the value holds a placeholder anywhere (a string, or a string inside an array or object). */
    public static boolean contains(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isTextual()) {
            return GEN.matcher(value.textValue()).find();
        }
        for (JsonNode c : value) {
            if (contains(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces every placeholder in the parameter values (coerced to the declared type).
     *
     * @return the names of the parameters that held one
     */
    public java.util.List<String> fill(Map<String, JsonNode> values, JsonNode template) {
        JsonNode declared = Json.get(template, "parameters");
        java.util.List<String> replaced = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            if (!contains(e.getValue()) && !isTextReference(e.getValue())) {
                continue;
            }
            JsonNode decl = declared == null ? null : Values.property(declared, e.getKey());
            e.setValue(replace(e.getValue(), e.getKey(), decl));
            replaced.add(e.getKey());
        }
        return replaced;
    }

    /** {"reference": "GEN-...-REFERENCE"}: the quickstart form of a Key Vault reference placeholder. */
    private static boolean isTextReference(JsonNode value) {
        return value.isObject() && value.size() == 1 && Json.get(value, "reference") != null && Json.get(value, "reference").isTextual();
    }

    JsonNode replace(JsonNode value, String name, JsonNode decl) {
        if (isTextReference(value)) {
            ObjectNode ref = Values.object();
            ObjectNode r = ref.putObject("reference");
            r.putObject("keyVault").put("id", vaultId);
            r.put("secretName", name + "-secret");
            return ref;
        }
        if (value.isTextual()) {
            return coerce(Values.NODES.textNode(text(value.textValue(), name)), decl, value.textValue());
        }
        if (value.isContainerNode()) {
            JsonNode copy = value.deepCopy();
            replaceInside(copy, name);
            return copy;
        }
        return value;
    }

    private void replaceInside(JsonNode n, String name) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(Values.NODES.textNode(text(e.getValue().textValue(), name + "." + e.getKey())));
                } else {
                    replaceInside(e.getValue(), name + "." + e.getKey());
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode c = n.get(i);
                if (c.isTextual()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, Values.NODES.textNode(text(c.textValue(), name + "[" + i + "]")));
                } else {
                    replaceInside(c, name + "[" + i + "]");
                }
            }
        }
    }

    String text(String s, String name) {
        if (!GEN.matcher(s).find()) {
            return s;
        }
        Matcher m = GEN.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group().toUpperCase(Locale.ROOT).replace('_', '-'), name)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private String value(String p, String name) {
        if (p.startsWith("GET-PREREQ-")) {
            // an output of the CI's prerequisite deployment: a name of the right shape
            return "rampart-prereq-" + p.substring("GET-PREREQ-".length()).toLowerCase(Locale.ROOT);
        }
        Matcher unique = Pattern.compile("GEN-UNIQUE-?(\\d+)").matcher(p);
        if (unique.matches()) {
            return uniqueName(name, Integer.parseInt(unique.group(1)));
        }
        if (p.equals("GEN-UNIQUE") || p.equals("GEN-UNQIUE") || p.equals("GEN-UINIQUE")) {
            return "ci" + uniqueName(name, 16);
        }
        if (p.startsWith("GEN-PASSWORD")) {
            return p.endsWith("AMP") ? "Rampart&Pa55w0rd-" + uniqueName(name, 4) : "Rampart!Pa55w0rd-" + uniqueName(name, 4);
        }
        if (p.equals("GEN-SSH-PUB-KEY")) {
            return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7rampartstandinkeyAAAAB3NzaC1yc2EAAAADAQABAAABAQDstandin0123456789abcdef rampart@example";
        }
        if (p.equals("GEN-GUID") || p.startsWith("GEN-AZUREAD") && !p.endsWith("SECRET")) {
            return guid(p + "/" + name);
        }
        if (p.endsWith("SUBSCRIPTION-ID")) {
            return subscriptionId;
        }
        if (p.equals("GEN-KEYVAULT-RESOURCE-ID")) {
            return vaultId;
        }
        if (p.contains("PFXDATA") || p.contains("CERDATA")) {
            return "TUlJQ2R6Q0NBZUNnQXdJQkFnSUpBTHJhbXBhcnRzdGFuZGluY2VydGlmaWNhdGU=";
        }
        if (p.contains("THUMBPRINT")) {
            return "0123456789ABCDEF0123456789ABCDEF01234567";
        }
        if (p.contains("SECRET-URI") || p.contains("KEY-URI") || p.contains("CERT-URL")) {
            return "https://rampartkv.vault.azure.net/secrets/rampart/0123456789abcdef0123456789abcdef";
        }
        if (p.endsWith("VHD-URI")) {
            return "https://rampartstore.blob.core.windows.net/vhds/" + p.toLowerCase(Locale.ROOT).substring(4) + ".vhd";
        }
        if (p.endsWith("-URI")) {
            return "https://rampartstore.blob.core.windows.net/data/" + p.toLowerCase(Locale.ROOT).substring(4);
        }
        if (p.contains("HOSTNAME") || p.contains("HOST-NAME") || p.contains("FQDN") || p.contains("DNSNAME")) {
            return "www.rampart.example.com";
        }
        if (p.contains("RESOURCEGROUP-NAME")) {
            return "rampart-shared";
        }
        if (p.contains("SECRET") || p.contains("APIKEY") || p.contains("CERT-PASSWORD")) {
            return "rampart-secret-value";
        }
        if (p.endsWith("SIZEGB")) {
            return "128";
        }
        if (p.endsWith("OSVERSION")) {
            return "2022-datacenter";
        }
        return "rampart-" + p.toLowerCase(Locale.ROOT).substring(4);
    }

    /** A deterministic DNS-safe name: lowercase letters and digits, starting with a letter. */
    static String uniqueName(String seed, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        long h = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        int i = 0;
        while (sb.length() < length) {
            int idx = (int) Math.floorMod(h >>> ((i * 5) % 60), sb.isEmpty() ? 26 : alphabet.length());
            sb.append(alphabet.charAt(idx));
            i++;
            if (i % 12 == 0) {
                h = h * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return sb.toString();
    }

    static String guid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A generated text made to fit the declaration as the CI's values do: an allowed value when
     * there is a list, a location for a location, the declared length.
     */
    private static String fit(String t, JsonNode decl) {
        JsonNode allowed = Json.get(decl, "allowedValues");
        if (allowed != null && allowed.isArray() && !allowed.isEmpty()) {
            for (JsonNode a : allowed) {
                if (a.isTextual() && a.textValue().equalsIgnoreCase(t)) {
                    return t;
                }
            }
            for (JsonNode a : allowed) {
                if (a.isTextual() && a.textValue().equalsIgnoreCase("eastus")) {
                    return a.textValue();
                }
            }
            return allowed.get(0).asText();
        }
        if (t.startsWith("rampart-prereq-") && t.contains("location")) {
            return "eastus";
        }
        JsonNode max = Json.get(decl, "maxLength");
        JsonNode min = Json.get(decl, "minLength");
        if (max != null && max.canConvertToInt() && t.length() > max.intValue()) {
            t = t.replace("rampart-prereq-", "rp").substring(0, Math.min(t.length(), max.intValue()));
            t = t.length() > max.intValue() ? t.substring(0, max.intValue()) : t;
        }
        if (min != null && min.canConvertToInt() && t.length() < min.intValue()) {
            t = t + uniqueName(t, min.intValue() - t.length());
        }
        return t;
    }

    /** The CI substitutes text; a placeholder standing for a number or boolean becomes one. */
    private static JsonNode coerce(JsonNode replaced, JsonNode decl, String original) {
        if (decl == null || original.equals(replaced.textValue())) {
            return replaced;
        }
        String type = Json.text(decl, "type");
        String t = fit(replaced.textValue(), decl);
        if ("int".equalsIgnoreCase(type) && t.matches("-?\\d{1,18}")) {
            return Values.NODES.numberNode(Long.parseLong(t));
        }
        if ("bool".equalsIgnoreCase(type) && (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false"))) {
            return Values.NODES.booleanNode(Boolean.parseBoolean(t));
        }
        if ("array".equalsIgnoreCase(type)) {
            return Values.array().add(t);
        }
        return Values.NODES.textNode(t);
    }
}
