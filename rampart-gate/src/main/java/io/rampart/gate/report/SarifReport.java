package io.rampart.gate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.gate.AppliedPolicy;
import io.rampart.gate.CheckReport;
import io.rampart.gate.FailOn;
import io.rampart.gate.Finding;
import io.rampart.gate.Level;
import io.rampart.gate.PolicyRef;
import io.rampart.gate.TemplateReport;
import io.rampart.template.SourceLocation;
import io.rampart.template.TemplateProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format sarif}: SARIF 2.1.0, one run, shaped for GitHub code scanning.
 *
 * <ul>
 *   <li>{@code tool.driver}: name "Rampart", the version, and one rule per policy that produced
 *       a finding (id = the definition's name, the GUID for built-ins; short description = its
 *       display name; helpUri = the definition in the Azure portal for built-ins; tags) plus one
 *       rule per template problem code ({@code template/InvalidTemplate}, ...).</li>
 *   <li>results: {@code ruleId}, {@code level} (error when the finding blocks under
 *       {@code --fail-on}, note for info findings, warning otherwise), {@code message.text}, the
 *       resource object's location ({@code artifactLocation.uri} relative to the root with
 *       {@code uriBaseId} {@code %SRCROOT%}; {@code region.startLine/startColumn}), the resource id
 *       as a logical location, {@code partialFingerprints} (template, resource, policy,
 *       assignment: stable when lines move) and {@code properties} (effect, complianceState,
 *       resourceId, explanation, ...).</li>
 * </ul>
 *
 * No timestamps or absolute paths (unless a template lies outside the root), so output is
 * reproducible.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "rampartFinding/v1";
    static final String SRCROOT = "%SRCROOT%";

    /**
     * @param root        the repository root: artifact URIs are relative to it
     * @param toolVersion Rampart's version
     */
    public record Options(Path root, String toolVersion) {
    }

    private SarifReport() {
    }

    public static String write(CheckReport report, Options options) {
        return JsonText.pretty(toJson(report, options));
    }

    public static ObjectNode toJson(CheckReport report, Options options) {
        Path root = options.root() == null ? Path.of("").toAbsolutePath() : options.root().toAbsolutePath().normalize();
        // Rules first (sorted by id, so indexes are stable), then results.
        Map<String, ObjectNode> rules = new TreeMap<>();
        Map<String, String> worst = new LinkedHashMap<>();
        for (TemplateReport t : report.templates()) {
            for (TemplateProblem p : t.problems()) {
                rules.computeIfAbsent(problemRule(p), k -> problemRuleObject(p));
                worst.merge(problemRule(p), problemLevel(p, report.failOn()), SarifReport::worse);
            }
            for (Finding f : t.findings()) {
                rules.computeIfAbsent(ruleId(f), k -> ruleObject(f.policy().definition()));
                worst.merge(ruleId(f), level(f, report), SarifReport::worse);
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode ruleArray = Values.array();
        for (Map.Entry<String, ObjectNode> e : rules.entrySet()) {
            index.put(e.getKey(), ruleArray.size());
            e.getValue().putObject("defaultConfiguration").put("level", worst.get(e.getKey()));
            ruleArray.add(e.getValue());
        }

        ObjectNode log = Values.object();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Rampart");
        driver.put("fullName", "Rampart template check (Azure Policy, before deployment)");
        if (options.toolVersion() != null) {
            driver.put("version", options.toolVersion());
            driver.put("semanticVersion", options.toolVersion());
        }
        driver.set("rules", ruleArray);
        ArrayNode results = run.putArray("results");
        for (TemplateReport t : report.templates()) {
            for (TemplateProblem p : t.problems()) {
                results.add(problemResult(t, p, index, report.failOn(), root));
            }
            for (Finding f : t.findings()) {
                results.add(result(f, index, report, root));
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        run.putObject("properties").set("summary", JsonReport.summary(report));
        return log;
    }

    private static ObjectNode result(Finding f, Map<String, Integer> index, CheckReport report, Path root) {
        ObjectNode r = Values.object();
        String id = ruleId(f);
        r.put("ruleId", id);
        r.put("ruleIndex", index.get(id));
        r.put("level", level(f, report));
        r.putObject("message").put("text", f.resource().label() + ": " + f.message());
        SourceLocation at = f.resource().source();
        ObjectNode loc = location(at == null || at.file() == null ? f.file() : at.file(), at, root);
        ObjectNode logical = loc.putArray("logicalLocations").addObject();
        logical.put("name", f.resource().name());
        logical.put("fullyQualifiedName", f.resource().id());
        logical.put("kind", "resource");
        r.putArray("locations").add(loc);
        AppliedPolicy p = f.policy();
        r.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(f.file(), f.resource().id(), p.definition().key(),
                p.referenceId(), p.assignment()));
        ObjectNode props = r.putObject("properties");
        props.put("rampartLevel", f.level().id());
        props.put("blocking", report.blocks(f));
        props.put("template", f.file());
        props.put("resourceId", f.resource().id());
        props.put("resourceType", f.resource().type());
        props.put("policyDefinitionId", p.definition().id());
        props.put("policyDisplayName", p.definition().displayName());
        if (p.initiative() != null) {
            props.put("initiativeId", p.initiative().id());
            props.put("policyDefinitionReferenceId", p.referenceId());
        }
        props.put("assignment", p.assignment());
        props.put("enforcementMode", p.enforcementMode().displayName());
        props.put("effect", f.effect());
        props.put("complianceState", f.complianceState().displayName());
        props.put("reason", f.reason());
        props.set("explanation", JsonReport.explanation(f));
        return r;
    }

    private static ObjectNode problemResult(TemplateReport t, TemplateProblem p, Map<String, Integer> index, FailOn failOn, Path root) {
        ObjectNode r = Values.object();
        String id = problemRule(p);
        r.put("ruleId", id);
        r.put("ruleIndex", index.get(id));
        r.put("level", problemLevel(p, failOn));
        r.putObject("message").put("text", (p.error() ? "The template can't be deployed: " : "") + p.message());
        SourceLocation at = p.location();
        r.putArray("locations").add(location(at == null || at.file() == null ? t.file() : at.file(), at, root));
        r.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(t.file(), at == null ? null : at.jsonPath(), id, null, p.message()));
        ObjectNode props = r.putObject("properties");
        props.put("template", t.file());
        props.put("code", p.code());
        if (at != null && at.jsonPath() != null) {
            props.put("jsonPath", at.jsonPath());
        }
        return r;
    }

    private static ObjectNode location(String file, SourceLocation at, Path root) {
        ObjectNode loc = Values.object();
        ObjectNode physical = loc.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String relative = relativeUri(file, root);
        if (relative != null) {
            artifact.put("uri", relative);
            artifact.put("uriBaseId", SRCROOT);
        } else {
            artifact.put("uri", absoluteUri(file));
        }
        ObjectNode region = physical.putObject("region");
        region.put("startLine", at != null && at.line() > 0 ? at.line() : 1);
        if (at != null && at.line() > 0 && at.column() > 0) {
            region.put("startColumn", at.column());
        }
        return loc;
    }

    /** The file relative to the root as a URI reference ("infra/main%20app.json"), or null when outside it. */
    static String relativeUri(String file, Path root) {
        try {
            Path abs = Path.of(file).toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                return null;
            }
            String rel = root.relativize(abs).toString().replace('\\', '/');
            return new URI(null, null, rel, null).toASCIIString();
        } catch (InvalidPathException | URISyntaxException e) {
            return null;
        }
    }

    private static String absoluteUri(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize().toUri().toASCIIString();
        } catch (InvalidPathException e) {
            return URLEncoder.encode(file, StandardCharsets.UTF_8);
        }
    }

    /** error when blocking, note for info, warning otherwise. */
    static String level(Finding f, CheckReport report) {
        if (report.blocks(f)) {
            return "error";
        }
        return f.level() == Level.INFO ? "note" : "warning";
    }

    private static String problemLevel(TemplateProblem p, FailOn failOn) {
        if (!p.error()) {
            return "note";
        }
        return failOn == FailOn.NONE ? "warning" : "error";
    }

    private static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String level) {
        return switch (level) {
            case "error" -> 3;
            case "warning" -> 2;
            case "note" -> 1;
            default -> 0;
        };
    }

    static String ruleId(Finding f) {
        return f.policy().definition().key();
    }

    private static String problemRule(TemplateProblem p) {
        return "template/" + p.code();
    }

    private static ObjectNode ruleObject(PolicyRef d) {
        ObjectNode rule = Values.object();
        rule.put("id", d.key());
        rule.put("name", d.label());
        rule.putObject("shortDescription").put("text", d.label());
        rule.putObject("fullDescription").put("text", d.description() != null && !d.description().isBlank() ? d.description() : d.label());
        if (d.builtIn() && d.id() != null) {
            rule.put("helpUri", "https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/"
                    + URLEncoder.encode(d.id(), StandardCharsets.UTF_8));
        }
        StringBuilder md = new StringBuilder();
        md.append("**").append(d.label()).append("**\n\n");
        if (d.description() != null && !d.description().isBlank()) {
            md.append(d.description()).append("\n\n");
        }
        md.append("Azure Policy definition `").append(d.id() != null ? d.id() : d.key()).append('`');
        if (d.version() != null) {
            md.append(", version ").append(d.version());
        }
        md.append(". Each result names the effect in force, the assignment and the evaluated expressions (result properties).");
        ObjectNode help = rule.putObject("help");
        help.put("text", md.toString().replace("**", "").replace("`", ""));
        help.put("markdown", md.toString());
        ObjectNode props = rule.putObject("properties");
        ArrayNode tags = props.putArray("tags");
        tags.add("azure-policy");
        if (d.category() != null) {
            tags.add(d.category());
        }
        if (d.id() != null) {
            props.put("policyDefinitionId", d.id());
        }
        if (d.version() != null) {
            props.put("version", d.version());
        }
        return rule;
    }

    private static ObjectNode problemRuleObject(TemplateProblem p) {
        ObjectNode rule = Values.object();
        rule.put("id", problemRule(p));
        rule.put("name", p.code());
        String text = p.error() ? "The template can't be expanded: " + p.code() : "Template warning: " + p.code();
        rule.putObject("shortDescription").put("text", text);
        rule.putObject("fullDescription").put("text", p.error()
                ? "ARM would refuse to deploy the template (" + p.code() + "); Rampart could not check its resources."
                : "A problem in the template that does not stop the deployment (" + p.code() + ").");
        rule.putObject("properties").putArray("tags").add("arm-template");
        return rule;
    }

    /** 32 hex digits of SHA-256 over the parts, lower-cased: the same finding keeps its fingerprint when lines move. */
    static String fingerprint(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update((p == null ? "" : p.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
