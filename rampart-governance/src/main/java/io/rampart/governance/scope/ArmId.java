package io.rampart.governance.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An Azure Resource Manager id: the tenant root {@code /}, a management group, a subscription, a
 * resource group, or a resource (child types and extension resources included). Parsed once;
 * compared without regard to case, as ARM compares ids. The original spelling is kept for output.
 *
 * <pre>
 * /                                                           tenant root
 * /providers/Microsoft.Management/managementGroups/{mg}        management group
 * /subscriptions/{sub}                                        subscription
 * /subscriptions/{sub}/resourceGroups/{rg}                    resource group
 * {scope}/providers/{ns}/{type}/{name}[/{type}/{name}]...     resource (child types), at any scope
 * {resource id}/providers/{ns}/{type}/{name}                  extension resource
 * </pre>
 */
public final class ArmId {

    public enum Kind {
        TENANT, MANAGEMENT_GROUP, SUBSCRIPTION, RESOURCE_GROUP, RESOURCE
    }

    public static final ArmId TENANT = new ArmId("/", Kind.TENANT, null, null, null, "", "", "", null, false);

    private final String id;
    private final String key;
    private final Kind kind;
    private final String managementGroup;
    private final String subscriptionId;
    private final String resourceGroup;
    private final String type;
    private final String name;
    private final String fullName;
    private final ArmId parent;
    private final boolean extension;

    private ArmId(String id, Kind kind, String managementGroup, String subscriptionId, String resourceGroup, String type, String name,
                  String fullName, ArmId parent, boolean extension) {
        this.id = id;
        this.key = id.toLowerCase(Locale.ROOT);
        this.kind = kind;
        this.managementGroup = managementGroup;
        this.subscriptionId = subscriptionId;
        this.resourceGroup = resourceGroup;
        this.type = type;
        this.name = name;
        this.fullName = fullName;
        this.parent = parent;
        this.extension = extension;
    }

    /**
     * Parses an id. Leading and trailing slashes and doubled slashes are tolerated.
     *
     * @throws InvalidArmIdException naming what was expected where
     */
    public static ArmId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidArmIdException(String.valueOf(text), "an id must not be empty");
        }
        List<String> seg = new ArrayList<>();
        for (String s : text.strip().split("/")) {
            if (!s.isEmpty()) {
                seg.add(s);
            }
        }
        if (seg.isEmpty()) {
            return TENANT;
        }
        ArmId current = TENANT;
        int i = 0;
        if (seg.get(0).equalsIgnoreCase("subscriptions")) {
            if (seg.size() < 2) {
                throw new InvalidArmIdException(text, "'subscriptions' must be followed by a subscription id");
            }
            String sub = seg.get(1);
            current = new ArmId("/subscriptions/" + sub, Kind.SUBSCRIPTION, null, sub, null, "Microsoft.Resources/subscriptions", sub, sub,
                    null, false);
            i = 2;
            if (i < seg.size() && seg.get(i).equalsIgnoreCase("resourceGroups")) {
                if (i + 1 >= seg.size()) {
                    throw new InvalidArmIdException(text, "'resourceGroups' must be followed by a resource group name");
                }
                String rg = seg.get(i + 1);
                current = new ArmId(current.id + "/resourceGroups/" + rg, Kind.RESOURCE_GROUP, null, sub, rg,
                        "Microsoft.Resources/resourceGroups", rg, rg, current, false);
                i += 2;
            }
        }
        while (i < seg.size()) {
            if (!seg.get(i).equalsIgnoreCase("providers")) {
                throw new InvalidArmIdException(text, "expected 'providers' at segment " + (i + 1) + " but found '" + seg.get(i) + "'");
            }
            if (i + 3 >= seg.size()) {
                throw new InvalidArmIdException(text, "'providers' must be followed by a namespace, a type and a name");
            }
            String ns = seg.get(i + 1);
            String block = current.kind == Kind.TENANT ? "" : current.id;
            block += "/providers/" + ns;
            boolean ext = current.kind == Kind.RESOURCE;
            ArmId scopeOfBlock = current;
            String typePath = ns;
            String namePath = "";
            int j = i + 2;
            boolean first = true;
            while (j < seg.size() && !seg.get(j).equalsIgnoreCase("providers")) {
                if (j + 1 >= seg.size()) {
                    throw new InvalidArmIdException(text, "resource type '" + seg.get(j) + "' has no name (a collection, not a resource)");
                }
                typePath += "/" + seg.get(j);
                String n = seg.get(j + 1);
                namePath = namePath.isEmpty() ? n : namePath + "/" + n;
                block += "/" + seg.get(j) + "/" + n;
                boolean mg = first && scopeOfBlock.kind == Kind.TENANT && typePath.equalsIgnoreCase("Microsoft.Management/managementGroups");
                current = mg
                        ? new ArmId(block, Kind.MANAGEMENT_GROUP, n, null, null, "Microsoft.Management/managementGroups", n, n, null, false)
                        : new ArmId(block, Kind.RESOURCE, scopeOfBlock.managementGroup, scopeOfBlock.subscriptionId, scopeOfBlock.resourceGroup,
                        typePath, n, namePath, current, ext);
                first = false;
                j += 2;
            }
            i = j;
        }
        return current;
    }

    /** The id of a management group. */
    public static ArmId managementGroup(String name) {
        return parse("/providers/Microsoft.Management/managementGroups/" + name);
    }

    public static ArmId subscription(String subscriptionId) {
        return parse("/subscriptions/" + subscriptionId);
    }

    /** The id as given (normalised slashes). */
    public String id() {
        return id;
    }

    /** The lower-cased id: the key ARM compares by. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The management group's name, for management groups and resources below one; else null. */
    public String managementGroup() {
        return managementGroup;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String resourceGroup() {
        return resourceGroup;
    }

    /** The full type: {@code Microsoft.Network/virtualNetworks/subnets}; for scopes, their ARM type; "" for the tenant. */
    public String type() {
        return type;
    }

    /** The last name segment. */
    public String name() {
        return name;
    }

    /** The names within the resource's provider block joined by '/': {@code vnet1/subnet1}. */
    public String fullName() {
        return fullName;
    }

    /**
     * The enclosing id: a child's parent resource, an extension's parent resource, a top-level
     * resource's scope, a resource group's subscription. Null for the tenant, management groups and
     * subscriptions (their parents come from the {@link Hierarchy}).
     */
    public ArmId parent() {
        return parent;
    }

    /**
     * The resource group this id is in or is (for {@code resourceGroup()} in policies), found by
     * walking the parents parse already built rather than parsing again; null outside resource groups.
     */
    public ArmId resourceGroupScope() {
        return enclosing(Kind.RESOURCE_GROUP);
    }

    /** The subscription this id is in or is, without parsing again; null for the tenant and management groups. */
    public ArmId subscriptionScope() {
        return enclosing(Kind.SUBSCRIPTION);
    }

    private ArmId enclosing(Kind wanted) {
        for (ArmId a = this; a != null; a = a.parent) {
            if (a.kind == wanted) {
                return a;
            }
        }
        return null;
    }

    /** True for extension resources ({@code {resource id}/providers/...}). */
    public boolean isExtension() {
        return extension;
    }

    public boolean isResource() {
        return kind == Kind.RESOURCE;
    }

    /**
     * Whether this id is {@code scope} or lies below it by id alone (management group membership is
     * the {@link Hierarchy}'s business). Everything is under the tenant root.
     */
    public boolean isAtOrUnder(ArmId scope) {
        return scope.kind == Kind.TENANT || key.equals(scope.key) || key.startsWith(scope.key + "/");
    }

    /** An id below this one: {@code this + "/providers/" + ns + "/" + type + "/" + name}. */
    public ArmId child(String namespace, String typeName, String resourceName) {
        String base = kind == Kind.TENANT ? "" : id;
        return parse(base + "/providers/" + namespace + "/" + typeName + "/" + resourceName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmId other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
