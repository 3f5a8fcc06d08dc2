package io.rampart.threat.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One Sigma detection rule as written (Sigma specification, "Sigma Rules"): its metadata, which
 * every alert it raises carries, and its {@code detection} section, which {@code RuleCompiler}
 * turns into a matcher. {@code source} is where it was read from (file path or shipped name).
 */
public record SigmaRule(
        String title,
        String id,
        String name,
        String status,
        String description,
        String author,
        String date,
        String modified,
        List<String> references,
        List<String> tags,
        Level level,
        LogSourceSpec logsource,
        JsonNode detection,
        List<String> falsePositives,
        String license,
        String source) {

    public SigmaRule {
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        falsePositives = List.copyOf(falsePositives);
    }

    /** The identifier correlation rules and reports use: the id, else the name, else the title. */
    public String key() {
        return id != null ? id : name != null ? name : title;
    }
}
