package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Effect;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import io.rampart.template.ExpandedResource;
import io.rampart.template.Expansion;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateParameters;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shift-left gate: expands each template into the resources ARM would deploy, evaluates every
 * policy of a {@link PolicySet} against each of them, and reports findings.
 *
 * <p>A <b>finding</b> is an applicable policy whose result is NonCompliant, Unknown ("cannot
 * decide before deployment") or a failed evaluation. Its {@link Level} says what Azure would
 * do: deny (a Deny effect or a failed evaluation, under an enforced assignment), audit (Audit,
 * AuditIfNotExists, DeployIfNotExists, Modify, Append) or info (Unknown results, DoNotEnforce
 * assignments, Rampart's own failures). Manual, DenyAction and AuditAction policies are not about
 * what a deployment writes and are left out.
 *
 * <p>AuditIfNotExists and DeployIfNotExists look for related resources in the same deployment
 * ({@link DeploymentRelatedResources} has the rule). Plain Java, no I/O: the caller reads files
 * into {@link TemplateInput}s. Not thread-safe per instance only in that runs are sequential; the
 * policy set is immutable and can be shared.
 */
public final class TemplateCheck {

    /** Problem code: the template is not JSON ARM accepts, or not a template object. */
    public static final String INVALID_TEMPLATE = "InvalidTemplate";
    /** Problem code: Rampart failed (a bug); the message says what happened. */
    public static final String INTERNAL_ERROR = "InternalError";

    private static final String DEPLOYMENTS = "microsoft.resources/deployments";

    private final PolicySet policies;
    private final Expander expander;
    private final Clock clock;

    /**
     * @param policies what to apply
     * @param expander the template engine (or a stand-in)
     * @param clock    what {@code utcNow()} returns in policies (the expander has its own)
     */
    public TemplateCheck(PolicySet policies, Expander expander, Clock clock) {
        this.policies = policies;
        this.expander = expander;
        this.clock = clock;
    }

    /** Told before each template is checked (progress lines). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (index, total, file) -> {
        };

        void checking(int index, int total, String file);
    }

    /** Checks every template and judges the run by {@code failOn}. */
    public CheckReport run(List<TemplateInput> inputs, FailOn failOn, Listener listener) {
        List<TemplateReport> reports = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            listener.checking(i + 1, inputs.size(), inputs.get(i).file());
            reports.add(check(inputs.get(i)));
        }
        return new CheckReport(reports, failOn, policies.assignments());
    }

    /**
     * A template read, parameters applied and expanded (or the problems that stopped it).
     *
     * @param scope     the deployment scope used (null when the template could not be read)
     * @param expansion the expansion, or null when reading failed before it
     * @param problems  every problem: reading, parameters, expansion, linked templates
     */
    public record Expanded(DeploymentScope scope, Expansion expansion, List<TemplateProblem> problems) {

        public Expanded {
            problems = List.copyOf(problems);
        }

        public boolean failed() {
            return expansion == null || !expansion.ok() || problems.stream().anyMatch(TemplateProblem::error);
        }
    }

    /**
     * Reads a template and its parameter file and expands it: what {@code rampart template expand}
     * prints and what {@link #check} evaluates. Never throws for bad input.
     */
    public static Expanded expand(TemplateInput in, Expander expander) {
        List<TemplateProblem> problems = new ArrayList<>(in.readProblems());
        if (in.text() == null || problems.stream().anyMatch(TemplateProblem::error)) {
            if (problems.isEmpty()) {
                problems.add(new TemplateProblem(true, INVALID_TEMPLATE, new SourceLocation(in.file(), 0, 0, null), "cannot be read"));
            }
            return new Expanded(in.scope(), null, problems);
        }
        TemplateSource template;
        try {
            template = TemplateSource.parse(in.text(), in.file());
        } catch (JsonInputException e) {
            problems.add(jsonProblem(e, INVALID_TEMPLATE));
            return new Expanded(in.scope(), null, problems);
        }
        if (!template.root().isObject()) {
            problems.add(new TemplateProblem(true, INVALID_TEMPLATE, template.locate("$"), "expected a template: a JSON object with "
                    + "$schema, contentVersion and resources, but found " + AssignmentsFile.describe(template.root())));
            return new Expanded(in.scope(), null, problems);
        }
        DeploymentScope scope = in.scope() != null ? in.scope() : scopeOf(template.root());
        Map<String, JsonNode> parameters = Map.of();
        if (in.parametersText() != null) {
            try {
                TemplateSource p = TemplateSource.parse(in.parametersText(), in.parametersFile());
                JsonNode declared = Json.get(template.root(), "parameters");
                parameters = ParameterValues.read(p, name -> declared != null && declared.isObject() && Json.get(declared, name) != null,
                        problems, !in.strictParameters());
            } catch (JsonInputException e) {
                problems.add(jsonProblem(e, ParameterValues.INVALID));
            }
            if (problems.stream().anyMatch(TemplateProblem::error)) {
                return new Expanded(scope, null, problems);
            }
        }
        parameters = fill(template, parameters, in, problems);
        Expansion expansion;
        try {
            expansion = expander.expand(template, parameters, scope, in.context(), in.linked());
        } catch (UnsupportedOperationException e) {
            problems.add(new TemplateProblem(true, INTERNAL_ERROR, new SourceLocation(in.file(), 0, 0, "$"),
                    "Rampart can't expand this template yet: " + (e.getMessage() == null ? "not supported" : e.getMessage())));
            return new Expanded(scope, null, problems);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(new TemplateProblem(true, INTERNAL_ERROR, new SourceLocation(in.file(), 0, 0, "$"),
                    "Rampart could not expand the template (a bug; please report it): " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return new Expanded(scope, null, problems);
        }
        problems.addAll(expansion.problems());
        if (in.linked() instanceof FileLinkedTemplates f) {
            problems.addAll(f.problems());
        }
        return new Expanded(scope, expansion, problems);
    }

    /** Problem code (warning): parameter values were generated or placeholders replaced. */
    public static final String GENERATED_PARAMETERS = "GeneratedParameterValues";

    /**
     * The values the template is expanded with: unless strict, quickstart placeholders replaced
     * and required parameters without a value generated ({@link TemplateParameters}), each said
     * in a warning so that nobody mistakes the check for one with real values.
     */
    private static Map<String, JsonNode> fill(TemplateSource template, Map<String, JsonNode> given, TemplateInput in,
                                              List<TemplateProblem> problems) {
        TemplateParameters p = TemplateParameters.prepare(template.root(), given, in.context(), in.strictParameters());
        if (!p.placeholders().isEmpty()) {
            problems.add(new TemplateProblem(false, GENERATED_PARAMETERS, parameterLocation(template, p.placeholders().get(0)),
                    "the parameters file holds azure-quickstart-templates placeholders (GEN-...) for " + names(p.placeholders())
                            + ": checked with generated values of the same shape"));
        }
        if (!p.generated().isEmpty()) {
            problems.add(new TemplateProblem(false, GENERATED_PARAMETERS, parameterLocation(template, p.generated().get(0)),
                    "no value for " + names(p.generated()) + ": checked with generated values of the declared types "
                            + "(give them in a parameters file, or use --strict-parameters to refuse the template as ARM would)"));
        }
        return p.values();
    }

    private static SourceLocation parameterLocation(TemplateSource template, String name) {
        return template.locate(Json.path("$.parameters", name));
    }

    private static String names(List<String> names) {
        return (names.size() == 1 ? "parameter '" : "parameters '") + String.join("', '", names) + "'";
    }

    /** Checks one template. Never throws for bad input: problems make the report {@code failed}. */
    public TemplateReport check(TemplateInput in) {
        Expanded x = expand(in, expander);
        if (x.failed()) {
            return TemplateReport.failed(in.file(), x.scope(), in.parametersFile(), x.problems());
        }
        return evaluate(in, x.scope(), x.expansion(), new ArrayList<>(x.problems()));
    }

    private TemplateReport evaluate(TemplateInput in, DeploymentScope scope, Expansion expansion, List<TemplateProblem> problems) {
        DeploymentRelatedResources related = new DeploymentRelatedResources(expansion.resources());
        List<ExpandedResource> deployed = new ArrayList<>();
        for (ExpandedResource r : expansion.resources()) {
            if (!r.existing() && (r.type() == null || !r.type().toLowerCase(Locale.ROOT).equals(DEPLOYMENTS))) {
                deployed.add(r);
            }
        }
        // Report in the order of the file (deployment order breaks ties, e.g. copy loops).
        List<ExpandedResource> ordered = new ArrayList<>(deployed);
        ordered.sort(Comparator.comparing((ExpandedResource r) -> r.source() == null || r.source().file() == null ? in.file() : r.source().file())
                .thenComparingInt(r -> r.source() == null ? 0 : r.source().line())
                .thenComparingInt(r -> r.source() == null ? 0 : r.source().column()));
        List<ResourceRef> resources = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ExpandedResource r : ordered) {
            ResourceRef ref = new ResourceRef(r.id(), r.type(), r.name(), r.source() != null ? r.source()
                    : new SourceLocation(in.file(), 0, 0, null), r.deploymentPath());
            resources.add(ref);
            EvaluationEnvironment.Builder env = environment(r, in.context());
            for (PolicySet.Entry e : policies.entries()) {
                Effect kind = e.policy().effectKind();
                if (kind == Effect.MANUAL || kind == Effect.DENY_ACTION || kind == Effect.AUDIT_ACTION || kind == Effect.DISABLED) {
                    continue;
                }
                DeploymentRelatedResources.Session session = related.session();
                EvaluationResult result = evaluate(e, r.body(), env.policyInfo(e.policyInfo()).related(session).build());
                if (!result.applicable()) {
                    continue;
                }
                result = closeOpenScope(result, session);
                Finding f = finding(in.file(), ref, e, result);
                checks.add(new Check(ref, e.applied(), result.effect(), result.complianceState(), f));
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return new TemplateReport(in.file(), TemplateReport.Status.EXPANDED, scope, in.parametersFile(), problems, resources, checks,
                findings);
    }

    private static EvaluationResult evaluate(PolicySet.Entry e, JsonNode resource, EvaluationEnvironment env) {
        try {
            return e.policy().evaluate(resource, env, true);
        } catch (RuntimeException | StackOverflowError x) {
            String message = x.getClass().getSimpleName() + (x.getMessage() == null ? "" : ": " + x.getMessage());
            return new EvaluationResult(e.applied().definition().name(), true, ComplianceState.ERROR, e.policy().effect(),
                    e.policy().effectKind(), false, List.of(), null, null,
                    "Rampart failed to evaluate this policy (a bug; please report it): " + message,
                    new EvaluationResult.EvaluationError(INTERNAL_ERROR, message, null));
        }
    }

    /**
     * A NonCompliant -IfNotExists result whose related resources were looked for in a scope the
     * template covers only in part (siblings, another resource group, the subscription) can't be
     * decided: what the template lacks may exist outside it.
     */
    private static EvaluationResult closeOpenScope(EvaluationResult r, DeploymentRelatedResources.Session session) {
        if (r.complianceState() != ComplianceState.NON_COMPLIANT || r.effectKind() == null || !r.effectKind().isIfNotExists()
                || r.error() != null || session.openScope() == null) {
            return r;
        }
        String type = r.effectDetails() == null ? null : Json.text(r.effectDetails(), "type");
        String reason = "Cannot decide before deployment: no related " + (type == null ? "resource" : type)
                + " declared in the template satisfies the policy, and " + session.openScope() + " lies outside the template.";
        return new EvaluationResult(r.policyName(), true, ComplianceState.UNKNOWN, r.effect(), r.effectKind(), r.matched(),
                r.evaluatedExpressions(), r.effectDetails(), r.ifNotExistsDetails(), reason, null);
    }

    private static Finding finding(String file, ResourceRef resource, PolicySet.Entry e, EvaluationResult r) {
        Level level = level(r, e.applied().enforcementMode());
        if (level == null) {
            return null;
        }
        String reason = reason(r.reason());
        String message = e.nonComplianceMessage() != null ? e.nonComplianceMessage()
                : e.applied().definition().label() + ": " + lowerFirst(reason);
        return new Finding(file, resource, e.applied(), r.effect(), r.complianceState(), level, message, e.nonComplianceMessage(),
                reason, r.evaluatedExpressions(), r.error());
    }

    /** The level of a result, or null when it is no finding. */
    static Level level(EvaluationResult r, EnforcementMode mode) {
        ComplianceState s = r.complianceState();
        if (s == ComplianceState.ERROR && r.error() != null && INTERNAL_ERROR.equals(r.error().code())) {
            return Level.INFO; // Rampart's failure, not the template's
        }
        Level level = switch (s) {
            case NON_COMPLIANT -> r.denies() ? Level.DENY : Level.AUDIT;
            case UNKNOWN, ERROR, CONFLICT -> r.error() != null ? Level.DENY : Level.INFO;
            case COMPLIANT, PROTECTED, EXEMPT, NOT_APPLICABLE -> null;
        };
        if (level != null && mode == EnforcementMode.DO_NOT_ENFORCE) {
            return Level.INFO;
        }
        return level;
    }

    /** "Cannot decide: x" (the engine's words for an unknown related resource) as "Cannot decide before deployment: x". */
    private static String reason(String reason) {
        if (reason == null) {
            return "";
        }
        String prefix = "Cannot decide: ";
        if (reason.startsWith(prefix)) {
            String rest = reason.substring(prefix.length());
            return "Cannot decide before deployment: " + rest + (rest.endsWith(".") ? "" : ".");
        }
        return reason;
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    /** resourceGroup(), subscription() and requestContext() for a resource of the deployment. */
    private EvaluationEnvironment.Builder environment(ExpandedResource r, DeploymentContext ctx) {
        EvaluationEnvironment.Builder b = EvaluationEnvironment.builder().clock(clock).operation(EvaluationEnvironment.Operation.WRITE);
        String sub = IdSegments.segmentAfter(r.id(), "subscriptions");
        if (sub == null) {
            sub = ctx.subscriptionId();
        }
        String group = IdSegments.segmentAfter(r.id(), "resourceGroups");
        if (group != null) {
            ObjectNode rg = Values.object();
            rg.put("id", "/subscriptions/" + sub + "/resourceGroups/" + group);
            rg.put("name", group);
            rg.put("type", "Microsoft.Resources/resourceGroups");
            rg.put("location", ctx.location());
            rg.putNull("managedBy");
            rg.set("tags", Values.object());
            rg.set("properties", Values.object().put("provisioningState", "Succeeded"));
            b.resourceGroup(rg);
        }
        ObjectNode s = Values.object();
        s.put("id", "/subscriptions/" + sub);
        s.put("subscriptionId", sub);
        s.put("tenantId", ctx.tenantId());
        s.put("displayName", sub);
        s.set("tags", Values.object());
        b.subscription(s);
        ObjectNode rc = Values.object();
        rc.put("apiVersion", r.apiVersion() == null ? EvaluationEnvironment.LATEST_API_VERSION : r.apiVersion());
        rc.set("identity", Values.object());
        b.requestContext(rc);
        return b;
    }

    /** The scope a template's {@code $schema} declares (resource group when it names none). */
    public static DeploymentScope scopeOf(JsonNode template) {
        String schema = Json.text(template, "$schema");
        String s = schema == null ? "" : schema.toLowerCase(Locale.ROOT);
        if (s.contains("subscriptiondeploymenttemplate")) {
            return DeploymentScope.SUBSCRIPTION;
        }
        if (s.contains("managementgroupdeploymenttemplate")) {
            return DeploymentScope.MANAGEMENT_GROUP;
        }
        if (s.contains("tenantdeploymenttemplate")) {
            return DeploymentScope.TENANT;
        }
        return DeploymentScope.RESOURCE_GROUP;
    }

    /** A JSON parse failure as a problem at its line and column. */
    static TemplateProblem jsonProblem(JsonInputException e, String code) {
        String message = e.getMessage();
        String prefix = e.source() + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return new TemplateProblem(true, code, new SourceLocation(e.source(), e.line(), e.column(), null), message);
    }

    /**
     * The location of a JSON path in a source; when the path itself has none (a scalar inside an
     * array), the line and column of the nearest enclosing value that has one, keeping the path.
     */
    public static SourceLocation locate(TemplateSource source, String jsonPath) {
        SourceLocation l = source.locate(jsonPath);
        String p = jsonPath;
        while (l.line() == 0 && p != null && p.length() > 1) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                break;
            }
            p = p.substring(0, cut);
            SourceLocation parent = source.locate(p);
            if (parent.line() > 0) {
                return new SourceLocation(l.file(), parent.line(), parent.column(), jsonPath);
            }
        }
        if (l.line() == 0 && !"$".equals(jsonPath)) {
            SourceLocation top = source.locate("$");
            return new SourceLocation(l.file(), top.line(), top.column(), jsonPath);
        }
        return l;
    }

    /** "file:line:col: $.path" (parts that are unknown left out). */
    public static String where(SourceLocation l) {
        if (l == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(l.file() == null ? "" : l.file());
        if (l.line() > 0) {
            b.append(':').append(l.line()).append(':').append(l.column());
        }
        if (l.jsonPath() != null) {
            b.append(": ").append(l.jsonPath());
        }
        return b.toString();
    }

    /** A problem as one line: "file:line:col: $.path: message [Code]". */
    public static String describe(TemplateProblem p) {
        return where(p.location()) + ": " + p.message() + " [" + p.code() + "]";
    }
}
