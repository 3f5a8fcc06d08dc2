package io.rampart.gate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.gate.AppliedPolicy;
import io.rampart.gate.CheckReport;
import io.rampart.gate.Finding;
import io.rampart.gate.Level;
import io.rampart.gate.PolicyRef;
import io.rampart.gate.PolicySet;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateReport;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.template.DeploymentScope;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;

/**
 * {@code --format json}: a top-level {@code summary} (templates, expanded, failed, resources,
 * findings, ...), the {@code assignments} applied, and one entry per template with its status,
 * error, problems and findings. The shape is documented in docs/gate.md.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String write(CheckReport report) {
        return JsonText.pretty(toJson(report));
    }

    public static ObjectNode toJson(CheckReport report) {
        ObjectNode root = Values.object();
        root.set("summary", summary(report));
        ArrayNode assignments = root.putArray("assignments");
        for (PolicySet.AssignmentSummary a : report.policies()) {
            ObjectNode x = assignments.addObject();
            x.put("name", a.name());
            x.put("kind", a.kind());
            x.set("policy", policy(a.policy()));
            x.put("enforcementMode", a.enforcementMode().displayName());
            x.put("policies", a.policies());
        }
        ArrayNode templates = root.putArray("templates");
        for (TemplateReport t : report.templates()) {
            templates.add(template(t, report));
        }
        return root;
    }

    static ObjectNode summary(CheckReport report) {
        CheckReport.Summary s = report.summary();
        ObjectNode x = Values.object();
        x.put("templates", s.templates());
        x.put("expanded", s.expanded());
        x.put("failed", s.failed());
        x.put("resources", s.resources());
        x.put("findings", s.findings());
        x.put("blocking", s.blocking());
        ObjectNode levels = x.putObject("levels");
        levels.put("deny", s.deny());
        levels.put("audit", s.audit());
        levels.put("info", s.info());
        x.put("checks", s.checks());
        x.put("failOn", report.failOn().id());
        x.put("passed", report.passed());
        return x;
    }

    static ObjectNode template(TemplateReport t, CheckReport report) {
        ObjectNode x = Values.object();
        x.put("file", t.file());
        x.put("status", t.status().id());
        TemplateProblem error = t.error();
        x.put("error", error == null ? null : TemplateCheck.describe(error));
        x.put("scope", t.scope() == null ? null : scope(t.scope()));
        x.put("parameters", t.parametersFile());
        x.put("resources", t.resources().size());
        x.put("checks", t.checks().size());
        ObjectNode levels = x.putObject("levels");
        for (Level l : Level.values()) {
            levels.put(l.id(), t.count(l));
        }
        ArrayNode problems = x.putArray("problems");
        for (TemplateProblem p : t.problems()) {
            problems.add(problem(p));
        }
        ArrayNode findings = x.putArray("findings");
        for (Finding f : t.findings()) {
            findings.add(finding(f, report.blocks(f)));
        }
        return x;
    }

    static ObjectNode problem(TemplateProblem p) {
        ObjectNode x = Values.object();
        x.put("severity", p.error() ? "error" : "warning");
        x.put("code", p.code());
        location(x, p.location());
        x.put("message", p.message());
        return x;
    }

    private static void location(ObjectNode x, SourceLocation l) {
        x.put("file", l == null ? null : l.file());
        x.put("line", l == null ? 0 : l.line());
        x.put("column", l == null ? 0 : l.column());
        x.put("jsonPath", l == null ? null : l.jsonPath());
    }

    /** One finding with every field (documented in docs/gate.md). */
    public static ObjectNode finding(Finding f, boolean blocking) {
        ObjectNode x = Values.object();
        x.put("level", f.level().id());
        x.put("blocking", blocking);
        x.put("template", f.file());
        location(x, f.resource().source());
        ObjectNode r = x.putObject("resource");
        r.put("id", f.resource().id());
        r.put("type", f.resource().type());
        r.put("name", f.resource().name());
        ArrayNode dp = r.putArray("deploymentPath");
        f.resource().deploymentPath().forEach(dp::add);
        AppliedPolicy p = f.policy();
        x.set("policy", policy(p.definition()));
        x.set("initiative", p.initiative() == null ? null : policy(p.initiative()));
        x.put("policyDefinitionReferenceId", p.referenceId());
        ArrayNode groups = x.putArray("groupNames");
        p.groupNames().forEach(groups::add);
        ObjectNode a = x.putObject("assignment");
        a.put("name", p.assignment());
        a.put("enforcementMode", p.enforcementMode().displayName());
        x.put("effect", f.effect());
        x.put("complianceState", f.complianceState().displayName());
        x.put("message", f.message());
        x.put("reason", f.reason());
        x.set("explanation", explanation(f));
        if (f.error() != null) {
            ObjectNode e = x.putObject("error");
            e.put("code", f.error().code());
            e.put("message", f.error().message());
            e.put("conditionPath", f.error().conditionPath());
        }
        return x;
    }

    static ArrayNode explanation(Finding f) {
        ArrayNode a = Values.array();
        for (EvaluatedExpression e : f.explanation()) {
            a.add(JsonText.expression(e));
        }
        return a;
    }

    static ObjectNode policy(PolicyRef p) {
        ObjectNode x = Values.object();
        x.put("name", p.name());
        x.put("id", p.id());
        x.put("displayName", p.displayName());
        if (p.version() != null) {
            x.put("version", p.version());
        }
        if (p.category() != null) {
            x.put("category", p.category());
        }
        return x;
    }

    /** resourceGroup, subscription, managementGroup, tenant. */
    public static String scope(DeploymentScope s) {
        return switch (s) {
            case RESOURCE_GROUP -> "resourceGroup";
            case SUBSCRIPTION -> "subscription";
            case MANAGEMENT_GROUP -> "managementGroup";
            case TENANT -> "tenant";
        };
    }
}
