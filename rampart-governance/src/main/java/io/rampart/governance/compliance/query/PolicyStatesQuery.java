package io.rampart.governance.compliance.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.compliance.PolicyStateRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policyStates query: {@code $filter}, {@code $apply} ({@code filter(...)},
 * {@code groupby((P1, P2))}, {@code groupby((P1), aggregate($count as N))},
 * {@code aggregate($count as N)}, chained with {@code /}), {@code $orderby} ({@code P [asc|desc], ...}),
 * {@code $top} and {@code $select}, as PolicyInsights supports them (PolicyStates_FilterAndGroupBy*
 * examples). Parsed once; unsupported syntax is a 400 naming what was not understood.
 */
public final class PolicyStatesQuery {

    /** PolicyInsights' error code for a query it can't run. Rampart wording; the code is the one Azure's ARM layer uses for bad query parameters. */
    public static final String ERROR_CODE = "InvalidQueryParameterValue";
    private static final Pattern GROUPBY = Pattern.compile("(?i)^groupby\\(\\s*\\(([^)]*)\\)\\s*(?:,\\s*aggregate\\(\\s*\\$count\\s+as\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\))?\\s*\\)$");
    private static final Pattern AGGREGATE = Pattern.compile("(?i)^aggregate\\(\\s*\\$count\\s+as\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\)$");
    private static final Pattern FILTER = Pattern.compile("(?i)^filter\\((.*)\\)$");

    private final FilterExpression filter;
    private final List<Step> apply;
    private final List<Order> orderBy;
    private final Integer top;
    private final List<String> select;

    private sealed interface Step permits FilterStep, GroupStep {
    }

    private record FilterStep(FilterExpression filter) implements Step {
    }

    /** groupby (properties may be empty: aggregate alone); count alias may be null (no aggregate). */
    private record GroupStep(List<String> properties, String countAlias) implements Step {
    }

    private record Order(String property, boolean descending) {
    }

    private PolicyStatesQuery(FilterExpression filter, List<Step> apply, List<Order> orderBy, Integer top, List<String> select) {
        this.filter = filter;
        this.apply = apply;
        this.orderBy = orderBy;
        this.top = top;
        this.select = select;
    }

    public static ArmResult<PolicyStatesQuery> parse(String filter, String apply, String orderBy, String top, String select) {
        try {
            FilterExpression f = FilterExpression.parse(filter);
            List<Step> steps = new ArrayList<>();
            if (apply != null && !apply.isBlank()) {
                for (String part : splitTopLevel(apply, '/')) {
                    String p = part.strip();
                    Matcher g = GROUPBY.matcher(p);
                    Matcher a = AGGREGATE.matcher(p);
                    Matcher fl = FILTER.matcher(p);
                    if (g.matches()) {
                        List<String> props = new ArrayList<>();
                        for (String x : g.group(1).split(",")) {
                            if (!x.isBlank()) {
                                props.add(x.strip());
                            }
                        }
                        steps.add(new GroupStep(props, g.group(2)));
                    } else if (a.matches()) {
                        steps.add(new GroupStep(List.of(), a.group(1)));
                    } else if (fl.matches()) {
                        steps.add(new FilterStep(FilterExpression.parse(fl.group(1))));
                    } else {
                        throw new QuerySyntaxException("The $apply transformation '" + p + "' is not supported; supported: filter(...), "
                                + "groupby((P1, P2)), groupby((P1), aggregate($count as Name)), aggregate($count as Name), joined with '/'.");
                    }
                }
            }
            List<Order> orders = new ArrayList<>();
            if (orderBy != null && !orderBy.isBlank()) {
                for (String part : orderBy.split(",")) {
                    String[] w = part.strip().split("\\s+");
                    if (w.length > 2 || w.length == 2 && !w[1].equalsIgnoreCase("asc") && !w[1].equalsIgnoreCase("desc")) {
                        throw new QuerySyntaxException("The $orderby clause '" + part.strip() + "' is not supported; use 'Property [asc|desc]'.");
                    }
                    orders.add(new Order(w[0], w.length == 2 && w[1].equalsIgnoreCase("desc")));
                }
            }
            Integer t = null;
            if (top != null && !top.isBlank()) {
                try {
                    t = Integer.parseInt(top.strip());
                } catch (NumberFormatException e) {
                    throw new QuerySyntaxException("The value '" + top + "' of $top is not an integer.");
                }
                if (t < 0) {
                    throw new QuerySyntaxException("The value of $top must not be negative.");
                }
            }
            List<String> sel = new ArrayList<>();
            if (select != null && !select.isBlank()) {
                for (String s : select.split(",")) {
                    sel.add(s.strip());
                }
            }
            return ArmResult.ok(new PolicyStatesQuery(f, steps, orders, t, sel));
        } catch (QuerySyntaxException e) {
            return ArmResult.failed(ArmError.badRequest(ERROR_CODE, e.getMessage()));
        }
    }

    /** The records $filter keeps (what summarize summarizes). */
    public List<PolicyStateRecord> filter(List<PolicyStateRecord> records) {
        List<PolicyStateRecord> out = new ArrayList<>();
        for (PolicyStateRecord r : records) {
            if (filter.test(r.toJson(false))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Runs the query: filter, apply, orderby, top, select. */
    public QueryResult run(List<PolicyStateRecord> records, boolean expandEvaluationDetails) {
        List<ObjectNode> rows = new ArrayList<>();
        for (PolicyStateRecord r : records) {
            ObjectNode row = r.toJson(expandEvaluationDetails);
            if (filter.test(row)) {
                rows.add(row);
            }
        }
        for (Step s : apply) {
            if (s instanceof FilterStep f) {
                rows.removeIf(row -> !f.filter().test(row));
            } else {
                rows = group(rows, (GroupStep) s);
            }
        }
        if (!orderBy.isEmpty()) {
            Comparator<ObjectNode> cmp = null;
            for (Order o : orderBy) {
                Comparator<ObjectNode> c = (x, y) -> compareNullable(Values.property(x, o.property()), Values.property(y, o.property()));
                c = o.descending() ? c.reversed() : c;
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
            rows.sort(cmp);
        }
        if (top != null && rows.size() > top) {
            rows = new ArrayList<>(rows.subList(0, top));
        }
        if (!select.isEmpty()) {
            List<ObjectNode> projected = new ArrayList<>();
            for (ObjectNode row : rows) {
                ObjectNode p = Values.object();
                for (String s : select) {
                    String key = Values.propertyKey(row, s);
                    if (key != null) {
                        p.set(key, row.get(key));
                    }
                }
                projected.add(p);
            }
            rows = projected;
        }
        return new QueryResult(rows);
    }

    private static List<ObjectNode> group(List<ObjectNode> rows, GroupStep g) {
        Map<String, ObjectNode> groups = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            ObjectNode key = Values.object();
            for (String p : g.properties()) {
                String k = Values.propertyKey(row, p);
                String name = k == null ? Character.toLowerCase(p.charAt(0)) + p.substring(1) : k;
                JsonNode v = k == null ? null : row.get(k);
                key.set(name, v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v);
            }
            String text = Values.toJson(key).toLowerCase(Locale.ROOT);
            groups.putIfAbsent(text, key);
            counts.merge(text, 1L, Long::sum);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : groups.entrySet()) {
            ObjectNode o = e.getValue();
            if (g.countAlias() != null) {
                o.put(g.countAlias(), counts.get(e.getKey()));
            }
            out.add(o);
        }
        if (g.properties().isEmpty() && out.isEmpty() && g.countAlias() != null) {
            out.add(Values.object().put(g.countAlias(), 0));
        }
        return out;
    }

    private static int compareNullable(JsonNode a, JsonNode b) {
        boolean na = a == null || a.isNull();
        boolean nb = b == null || b.isNull();
        if (na || nb) {
            return na == nb ? 0 : na ? -1 : 1;
        }
        return FilterExpression.compare(a, b);
    }

    private static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
