package io.rampart.threat.sigma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Sigma YAML text — one rule, or several documents separated by {@code ---} (a correlation
 * rule and the rules it refers to) — into rules and correlation rules. Never throws for bad
 * input: every problem is a {@link RuleProblem} naming the source and what was expected.
 */
public final class SigmaReader {

    private static final ObjectReader YAML = new YAMLMapper().readerFor(JsonNode.class);
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdwMy])");

    private SigmaReader() {
    }

    /** What one source held. */
    public record Read(List<SigmaRule> rules, List<CorrelationRule> correlations, List<RuleProblem> problems) {
        public Read {
            rules = List.copyOf(rules);
            correlations = List.copyOf(correlations);
            problems = List.copyOf(problems);
        }
    }

    public static Read read(String yaml, String source) {
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(source, null, null, "not valid YAML: " + e.getOriginalMessage() + location(e)));
            return new Read(rules, correlations, problems);
        } catch (java.io.IOException | RuntimeException e) {
            problems.add(new RuleProblem(source, null, null, "not valid YAML: " + e.getMessage()));
            return new Read(rules, correlations, problems);
        }
        if (docs.isEmpty()) {
            problems.add(new RuleProblem(source, null, null, "no rule in the file"));
        }
        for (JsonNode doc : docs) {
            if (!doc.isObject()) {
                problems.add(new RuleProblem(source, null, null, "a rule must be a YAML mapping, found " + doc.getNodeType().name().toLowerCase()));
                continue;
            }
            if (doc.has("action")) {
                problems.add(new RuleProblem(source, text(doc, "id"), text(doc, "title"),
                        "'action: " + doc.get("action").asText() + "' rule collections (Sigma 1.0) are not supported; write each rule out in full"));
                continue;
            }
            SigmaRule meta = meta(doc, source);
            if (doc.has("correlation")) {
                correlation(doc.get("correlation"), meta, problems).ifPresent(correlations::add);
            } else if (!doc.has("detection")) {
                problems.add(new RuleProblem(source, meta.id(), meta.title(), "missing 'detection'"));
            } else {
                if (meta.title() == null) {
                    problems.add(new RuleProblem(source, meta.id(), null, "missing 'title'"));
                    continue;
                }
                rules.add(meta);
            }
        }
        return new Read(rules, correlations, problems);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static SigmaRule meta(JsonNode doc, String source) {
        JsonNode ls = doc.path("logsource");
        LogSourceSpec logsource = ls.isObject()
                ? new LogSourceSpec(text(ls, "product"), text(ls, "service"), text(ls, "category"))
                : LogSourceSpec.ANY;
        JsonNode author = doc.get("author");
        return new SigmaRule(text(doc, "title"), text(doc, "id"), text(doc, "name"), text(doc, "status"),
                trimmed(text(doc, "description")), author == null ? null : author.isArray() ? join(author) : author.asText(),
                text(doc, "date"), text(doc, "modified"), list(doc.get("references")), list(doc.get("tags")),
                Level.parse(text(doc, "level")), logsource, doc.get("detection"), list(doc.get("falsepositives")),
                text(doc, "license"), source);
    }

    private static java.util.Optional<CorrelationRule> correlation(JsonNode c, SigmaRule meta, List<RuleProblem> problems) {
        String where = meta.source();
        if (!c.isObject()) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(), "'correlation' must be a mapping"));
            return java.util.Optional.empty();
        }
        String typeText = text(c, "type");
        CorrelationRule.Type type;
        try {
            type = CorrelationRule.Type.valueOf(String.valueOf(typeText).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(),
                    "correlation.type must be event_count, value_count, temporal or temporal_ordered, found " + typeText));
            return java.util.Optional.empty();
        }
        List<String> rules = list(c.get("rules"));
        if (rules.isEmpty()) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(), "correlation.rules must name at least one rule"));
            return java.util.Optional.empty();
        }
        Duration timespan = timespan(text(c, "timespan"));
        if (timespan == null) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(),
                    "correlation.timespan must be a number and a unit (s, m, h, d, w, M, y), found " + text(c, "timespan")));
            return java.util.Optional.empty();
        }
        CorrelationRule.Threshold threshold = null;
        JsonNode cond = c.get("condition");
        if (cond != null && cond.isObject()) {
            String field = text(cond, "field");
            for (String op : List.of("gt", "gte", "lt", "lte", "eq", "neq")) {
                if (cond.has(op) && cond.get(op).canConvertToLong()) {
                    threshold = new CorrelationRule.Threshold(op, cond.get(op).asLong(), field);
                }
            }
            if (threshold == null) {
                problems.add(new RuleProblem(where, meta.id(), meta.title(),
                        "correlation.condition needs one of gt, gte, lt, lte, eq, neq with a whole number"));
                return java.util.Optional.empty();
            }
        } else if (type == CorrelationRule.Type.EVENT_COUNT || type == CorrelationRule.Type.VALUE_COUNT) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(), "correlation.condition is required for " + typeText));
            return java.util.Optional.empty();
        }
        if (type == CorrelationRule.Type.VALUE_COUNT && (threshold == null || threshold.field() == null)) {
            problems.add(new RuleProblem(where, meta.id(), meta.title(), "value_count needs correlation.condition.field"));
            return java.util.Optional.empty();
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        JsonNode a = c.get("aliases");
        if (a != null && a.isObject()) {
            a.fields().forEachRemaining(e -> {
                Map<String, String> perRule = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(r -> perRule.put(r.getKey(), r.getValue().asText()));
                aliases.put(e.getKey(), perRule);
            });
        }
        boolean generate = c.path("generate").asBoolean(false);
        return java.util.Optional.of(new CorrelationRule(meta, type, rules, list(c.get("group-by")), timespan,
                threshold, aliases, generate));
    }


    /** "5m" → 5 minutes; M is a month of 30 days and y a year of 365 days, as the specification counts them. */
    static Duration timespan(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.strip();
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(", ", parts);
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n.asText());
                }
            });
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
