package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.FunctionLibrary;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.rampart.expression.FunctionDef.VARIADIC;
import static io.rampart.expression.FunctionDef.contextual;

/**
 * The template functions that need the template engine: deployment values (parameters,
 * variables, copyIndex, deployment, environment), scope values (resourceGroup, subscription,
 * tenant, managementGroup), resource ids, and the runtime functions (reference, references,
 * list*) — with deterministic stand-ins where only ARM knows the answer. They reach the
 * expansion's state through the {@link Evaluation} host.
 */
final class TemplateFunctions {

    private static final FunctionLibrary BASE = FunctionLibrary.standard().with(all());
    /** list* functions are open-ended (listKeys, listSecrets, listCallbackUrl, ...): found in the text. */
    private static final Pattern LIST_CALL = Pattern.compile("(?<![A-Za-z0-9_.$])(list[A-Za-z0-9_]*)\\s*\\(", Pattern.CASE_INSENSITIVE);

    private TemplateFunctions() {
    }

    /** The library for one template: the base plus every list* function its expressions call. */
    static FunctionLibrary library(JsonNode template) {
        Set<String> lists = new LinkedHashSet<>();
        collectListCalls(template, lists, 0);
        List<FunctionDef> extra = new ArrayList<>();
        for (String name : lists) {
            if (BASE.find(name) == null) {
                extra.add(contextual(name, 1, 3, TemplateFunctions::list));
            }
        }
        return extra.isEmpty() ? BASE : BASE.with(extra);
    }

    private static void collectListCalls(JsonNode n, Set<String> out, int depth) {
        if (n == null || depth > 600) {
            return;
        }
        if (n.isTextual()) {
            String s = n.textValue();
            if (s.startsWith("[") && s.length() > 6) {
                Matcher m = LIST_CALL.matcher(s);
                while (m.find()) {
                    out.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
            return;
        }
        for (JsonNode c : n) {
            collectListCalls(c, out, depth + 1);
        }
    }

    private static List<FunctionDef> all() {
        return List.of(
                contextual("parameters", 1, 1, TemplateFunctions::parameters),
                contextual("variables", 1, 1, TemplateFunctions::variables),
                contextual("copyIndex", 0, 2, TemplateFunctions::copyIndex),
                contextual("deployment", 0, 0, a -> ev(a).bindings.deployment()),
                contextual("environment", 0, 0, a -> Standins.ENVIRONMENT),
                contextual("resourceGroup", 0, 0, TemplateFunctions::resourceGroup),
                contextual("subscription", 0, 0, TemplateFunctions::subscription),
                contextual("tenant", 0, 0, a -> Standins.tenant(ev(a).bindings.scope.tenantId())),
                contextual("managementGroup", 0, 1, TemplateFunctions::managementGroup),
                contextual("deployer", 0, 0, a -> Standins.deployer(ev(a).bindings.scope.tenantId())),
                contextual("resourceId", 2, VARIADIC, TemplateFunctions::resourceId),
                contextual("subscriptionResourceId", 2, VARIADIC, TemplateFunctions::subscriptionResourceId),
                contextual("tenantResourceId", 2, VARIADIC, a -> TextNode.valueOf(idFrom(a, "", 0))),
                contextual("managementGroupResourceId", 2, VARIADIC, TemplateFunctions::managementGroupResourceId),
                contextual("extensionResourceId", 3, VARIADIC, a -> TextNode.valueOf(idFrom(a, stripSlash(a.string(0)), 1))),
                contextual("reference", 1, 3, References::reference),
                contextual("references", 1, 2, References::references),
                contextual("list", 2, 3, TemplateFunctions::list),
                contextual("listKeys", 2, 3, TemplateFunctions::list),
                contextual("listSecrets", 2, 3, TemplateFunctions::list),
                contextual("listAccountSas", 2, 3, TemplateFunctions::list),
                contextual("listServiceSas", 2, 3, TemplateFunctions::list),
                contextual("listOutputsWithSecureValues", 2, 3, TemplateFunctions::list),
                contextual("pickZones", 3, 5, TemplateFunctions::pickZones),
                contextual("providers", 1, 2, TemplateFunctions::providers),
                contextual("roleDefinitions", 1, 1, a -> Standins.roleDefinition(a.string(0), ev(a).bindings.scope)),
                contextual("fail", 1, 1, a -> {
                    throw new ExpressionException(a.string(0));
                }),
                contextual("utcNow", 0, 1, TemplateFunctions::utcNow),
                contextual("newGuid", 0, 0, TemplateFunctions::newGuid));
    }

    static Evaluation ev(Arguments a) {
        return a.context().requireHost(Evaluation.class, a.function());
    }

    private static CodedExpressionException notHere(Arguments a, String why) {
        return new CodedExpressionException(Codes.INVALID_FUNCTION_LOCATION, "The template function '" + a.function()
                + "' is not expected at this location. " + why);
    }

    private static JsonNode parameters(Arguments a) {
        Evaluation e = ev(a);
        String name = a.string(0);
        if (e.call != null) {
            JsonNode v = e.call.arguments().get(name);
            if (v == null) {
                throw new ExpressionException("The parameter '" + name + "' is not a parameter of the user-defined function '"
                        + e.call.function().qualifiedName() + "'; a function can only use its own parameters.");
            }
            return v;
        }
        return e.bindings.parameter(name);
    }

    private static JsonNode variables(Arguments a) {
        // Parameter defaults may read variables (Bicep emits them; ARM evaluates both on demand).
        return ev(a).bindings.variable(a.string(0));
    }

    private static JsonNode copyIndex(Arguments a) {
        Evaluation e = ev(a);
        String name = null;
        long offset = 0;
        if (a.size() >= 1) {
            JsonNode first = a.get(0);
            if (first.isTextual()) {
                name = first.textValue();
                if (a.size() == 2) {
                    offset = a.integer(1);
                }
            } else if (first.isIntegralNumber() && a.size() == 1) {
                offset = first.longValue();
            } else {
                throw a.typeError(0, "String", first);
            }
        }
        CopyContext loop = CopyContext.find(e.copy, name);
        if (loop == null) {
            throw new CodedExpressionException(Codes.INVALID_COPY_INDEX, name == null
                    ? "The template function 'copyIndex' is not expected at this location. The function can only be used in a resource, property, variable or output with copy specified. Please see https://aka.ms/arm-copy for usage details."
                    : "The template function 'copyIndex' refers to the copy loop '" + name + "', which is not an enclosing copy loop here. Please see https://aka.ms/arm-copy for usage details.");
        }
        return IntNode.valueOf((int) (loop.index() + offset));
    }

    private static JsonNode resourceGroup(Arguments a) {
        Target s = ev(a).bindings.scope;
        if (s.scope() != DeploymentScope.RESOURCE_GROUP) {
            throw notHere(a, "The function can only be used in a template deployed to a resource group; this one is deployed to "
                    + scopeName(s.scope()) + ". Please see https://aka.ms/arm-functions for usage details.");
        }
        return Standins.resourceGroup(s);
    }

    private static JsonNode subscription(Arguments a) {
        Target s = ev(a).bindings.scope;
        if (s.subscriptionId() == null) {
            throw notHere(a, "The function can only be used in a template deployed to a subscription or resource group; this one is deployed to "
                    + scopeName(s.scope()) + ". Please see https://aka.ms/arm-functions for usage details.");
        }
        return Standins.subscription(s);
    }

    private static JsonNode managementGroup(Arguments a) {
        Target s = ev(a).bindings.scope;
        if (a.size() == 1) {
            return Standins.managementGroup(a.string(0), s.tenantId());
        }
        if (s.scope() != DeploymentScope.MANAGEMENT_GROUP) {
            throw notHere(a, "The function can only be used in a template deployed to a management group; this one is deployed to "
                    + scopeName(s.scope()) + ". Please see https://aka.ms/arm-functions for usage details.");
        }
        return Standins.managementGroup(s.managementGroup(), s.tenantId());
    }

    static String scopeName(DeploymentScope s) {
        return switch (s) {
            case RESOURCE_GROUP -> "a resource group";
            case SUBSCRIPTION -> "a subscription";
            case MANAGEMENT_GROUP -> "a management group";
            case TENANT -> "the tenant";
        };
    }

    /** The index of the resource type argument: the first from {@code from} that contains '/'. */
    private static int typeIndex(Arguments a, int from, int maxLeading) {
        for (int i = from; i < a.size() && i <= from + maxLeading; i++) {
            if (a.string(i).contains("/")) {
                return i;
            }
        }
        throw a.error("the resource type must be given with its namespace, such as 'Microsoft.Storage/storageAccounts'.");
    }

    /** {@code scopeId + /providers/ + <type and names from argument typeAt>}. */
    private static String idFrom(Arguments a, String scopeId, int typeAt) {
        String type = a.string(typeAt);
        List<String> names = new ArrayList<>();
        for (int i = typeAt + 1; i < a.size(); i++) {
            JsonNode n = a.get(i);
            // ARM converts a number given as a name segment (copyIndex()) to text
            names.add(n.isTextual() ? n.textValue() : Values.toText(n));
        }
        if (names.isEmpty()) {
            throw a.error("a resource name is required after the type '" + type + "'.");
        }
        String rel = ResourceIds.relative(type, names);
        if (rel == null) {
            throw a.error("the type '" + type + "' has " + ResourceIds.typeDepth(ResourceIds.normaliseType(type))
                    + " type segment(s) after its namespace, so it needs as many name segments; " + String.join("/", names) + " has " + countSegments(names) + ".");
        }
        return ResourceIds.under(scopeId, type, rel);
    }

    private static int countSegments(List<String> names) {
        int n = 0;
        for (String s : names) {
            n += ResourceIds.split(s).size();
        }
        return n;
    }

    private static String stripSlash(String id) {
        return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    }

    /**
     * resourceId([subscriptionId], [resourceGroupName], resourceType, name...): the format depends on
     * the deployment scope (template-functions-resource.md, "Return value").
     */
    private static JsonNode resourceId(Arguments a) {
        Target s = ev(a).bindings.scope;
        int t = typeIndex(a, 0, 2);
        String scopeId;
        if (t == 2) {
            scopeId = "/subscriptions/" + a.string(0) + "/resourceGroups/" + a.string(1);
        } else if (t == 1) {
            String sub = s.subscriptionId() != null ? s.subscriptionId() : ev(a).bindings.run.context.subscriptionId();
            if (s.scope() == DeploymentScope.RESOURCE_GROUP || s.scope() == DeploymentScope.SUBSCRIPTION) {
                scopeId = "/subscriptions/" + sub + "/resourceGroups/" + a.string(0);
            } else {
                scopeId = "/subscriptions/" + a.string(0);
            }
        } else {
            scopeId = switch (s.scope()) {
                case RESOURCE_GROUP -> s.scopeId();
                case SUBSCRIPTION -> s.scopeId();
                case MANAGEMENT_GROUP, TENANT -> "";
            };
        }
        return TextNode.valueOf(idFrom(a, scopeId, t));
    }

    private static JsonNode subscriptionResourceId(Arguments a) {
        Target s = ev(a).bindings.scope;
        int t = typeIndex(a, 0, 1);
        String sub = t == 1 ? a.string(0) : s.subscriptionId() != null ? s.subscriptionId() : ev(a).bindings.run.context.subscriptionId();
        return TextNode.valueOf(idFrom(a, "/subscriptions/" + sub, t));
    }

    private static JsonNode managementGroupResourceId(Arguments a) {
        Target s = ev(a).bindings.scope;
        int t = typeIndex(a, 0, 1);
        String mg = t == 1 ? a.string(0) : s.managementGroup() != null ? s.managementGroup() : ev(a).bindings.run.context.managementGroup();
        return TextNode.valueOf(idFrom(a, ResourceIds.managementGroupId(mg), t));
    }

    /** list*(): the values a list operation returns exist only at deployment. */
    private static JsonNode list(Arguments a) {
        Evaluation e = ev(a);
        if (!e.site.allowsRuntimeFunctions()) {
            throw notHere(a, "The function can only be used in the properties of a resource or in outputs, "
                    + "whose values are determined during deployment. Please see https://aka.ms/arm-functions-resource for usage details.");
        }
        String target = a.string(0);
        References.recordDependency(e, target);
        return Unknown.of(a.function() + "('" + target + "') returns values known only at deployment");
    }

    /** pickZones(): the zones of a zonal resource type in a region with availability zones. */
    private static JsonNode pickZones(Arguments a) {
        String namespace = a.string(0);
        String type = a.string(1);
        String location = a.string(2);
        long count = a.size() > 3 ? a.integer(3) : 1;
        long offset = a.size() > 4 ? a.integer(4) : 0;
        if (count < 1 || count > 3) {
            throw a.error("the number of zones must be from 1 to 3; it is " + count + ".");
        }
        ArrayNode zones = Values.array();
        if (!Standins.zonal(namespace, type, location)) {
            return zones;
        }
        if (offset < 0 || offset + count > 3) {
            throw a.error("the offset " + offset + " plus the number of zones " + count + " exceeds the 3 zones of '" + location + "'.");
        }
        for (long i = 0; i < count; i++) {
            zones.add(Long.toString(offset + i + 1));
        }
        return zones;
    }

    private static JsonNode providers(Arguments a) {
        String namespace = a.string(0);
        ObjectNode o = Values.object();
        if (a.size() == 2) {
            o.put("resourceType", a.string(1));
            o.set("locations", Unknown.of("providers() is a stand-in: the provider's locations are known only to ARM"));
            o.set("apiVersions", Unknown.of("providers() is a stand-in: the provider's API versions are known only to ARM"));
        } else {
            o.put("namespace", namespace);
            o.set("resourceTypes", Unknown.of("providers() is a stand-in: the provider's resource types are known only to ARM"));
        }
        return o;
    }

    private static JsonNode utcNow(Arguments a) {
        Evaluation e = ev(a);
        if (e.site != Site.PARAMETER_DEFAULT) {
            throw notHere(a, "The function can only be used in the default value of a parameter. Please see https://aka.ms/arm-functions-date for usage details.");
        }
        return FunctionLibrary.standard().find("utcNow").body().invoke(a);
    }

    /**
     * newGuid(): ARM returns a random GUID; the stand-in is a name-based GUID of the clock's
     * instant and the call's sequence in the run, so one run is reproducible from its clock.
     */
    private static JsonNode newGuid(Arguments a) {
        Evaluation e = ev(a);
        if (e.site != Site.PARAMETER_DEFAULT) {
            throw notHere(a, "The function can only be used in the default value of a parameter. Please see https://aka.ms/arm-functions-string for usage details.");
        }
        String seed = e.bindings.run.clock.instant() + "/" + e.bindings.run.nextGuidSequence();
        return TextNode.valueOf(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
