package io.rampart.threat.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (Sigma specification, "Sigma Correlation Rules"): it counts or orders
 * the matches of other rules within {@code timespan}, grouped by {@code groupBy} fields.
 *
 * @param rules    the referenced rules, by id or name
 * @param aliases  alias name → (rule id or name → field of that rule's events)
 */
public record CorrelationRule(
        SigmaRule meta,
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Threshold condition,
        Map<String, Map<String, String>> aliases,
        boolean generate) {

    public CorrelationRule {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
    }

    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED
    }

    /** {@code condition}: a comparison (gt, gte, lt, lte, eq, neq) and, for value_count, the field counted. */
    public record Threshold(String operator, long value, String field) {

        public boolean test(long count) {
            return switch (operator) {
                case "gt" -> count > value;
                case "gte" -> count >= value;
                case "lt" -> count < value;
                case "lte" -> count <= value;
                case "eq" -> count == value;
                case "neq" -> count != value;
                default -> false;
            };
        }
    }
}
