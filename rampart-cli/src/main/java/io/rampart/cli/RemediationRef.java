package io.rampart.cli;

import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;

import java.util.Optional;

/**
 * One remediation: its scope and name, from a full id
 * ({@code {scope}/providers/Microsoft.PolicyInsights/remediations/{name}}) or a name and a scope.
 */
record RemediationRef(ArmId scope, String name) {

    static final String TYPE = "Microsoft.PolicyInsights/remediations";
    private static final String PROVIDER = "/providers/Microsoft.PolicyInsights/remediations";

    /** {@code {scope}/providers/Microsoft.PolicyInsights/remediations/{name}}. */
    String id() {
        return collection(scope) + "/" + name;
    }

    /** {@code {scope}/providers/Microsoft.PolicyInsights/remediations}: where they are listed. */
    static String collection(ArmId scope) {
        return scope.id() + PROVIDER;
    }

    /**
     * NAME as the user gave it: a full remediation id (then no scope option), or a name at the
     * scope given, else at {@code fallback} (create: the assignment's scope).
     */
    static RemediationRef resolve(String nameOrId, Optional<ArmId> given, Optional<ArmId> fallback) {
        String text = nameOrId.strip();
        if (text.contains("/")) {
            ArmId id;
            try {
                id = ArmId.parse(text);
            } catch (InvalidArmIdException e) {
                throw new CliException("NAME: not a remediation id: " + e.getMessage());
            }
            if (!text.startsWith("/") || !id.type().equalsIgnoreCase(TYPE) || id.parent() == null) {
                throw new CliException("NAME: expected a remediation's name, or its id ({scope}" + PROVIDER + "/{name}), got " + nameOrId);
            }
            if (given.isPresent() && !given.get().equals(id.parent())) {
                throw new CliException("NAME is the id of a remediation at " + id.parent().id() + ", but the scope given is " + given.get().id()
                        + ": give one or the other");
            }
            return new RemediationRef(id.parent(), id.name());
        }
        checkName(text);
        ArmId scope = given.or(() -> fallback).orElseThrow(() -> new CliException("where is remediation '" + text
                + "'? give --scope (or --management-group, --subscription [--resource-group]), or its full id"));
        return new RemediationRef(scope, text);
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new CliException("NAME: a remediation name can't be empty");
        }
        for (char c : name.toCharArray()) {
            if (c == '?' || c == '#' || c == '%' || c == '\\' || Character.isISOControl(c)) {
                throw new CliException("NAME: a remediation name can't contain '" + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c)
                        : String.valueOf(c)) + "': " + name);
            }
        }
    }
}
