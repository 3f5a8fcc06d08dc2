package io.rampart.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The order ARM deploys a template's resources in: dependencies first, and among resources free
 * to go, declaration order — a stable topological order. A cycle is ARM's "Circular dependency
 * detected", naming the cycle.
 */
final class DependencyGraph {

    private DependencyGraph() {
    }

    static List<Instance> order(List<Instance> nodes, TemplateSource source) {
        Map<Instance, Integer> pending = new IdentityHashMap<>();
        Map<Instance, List<Instance>> dependents = new IdentityHashMap<>();
        for (Instance n : nodes) {
            pending.put(n, n.dependencies.size());
            for (Instance d : n.dependencies) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
            }
        }
        PriorityQueue<Instance> ready = new PriorityQueue<>((a, b) -> Integer.compare(a.ordinal, b.ordinal));
        for (Instance n : nodes) {
            if (n.dependencies.isEmpty()) {
                ready.add(n);
            }
        }
        List<Instance> out = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Instance n = ready.poll();
            out.add(n);
            for (Instance m : dependents.getOrDefault(n, List.of())) {
                if (pending.merge(m, -1, Integer::sum) == 0) {
                    ready.add(m);
                }
            }
        }
        if (out.size() < nodes.size()) {
            List<Instance> cycle = findCycle(nodes, pending);
            Instance first = cycle.get(0);
            List<String> names = new ArrayList<>();
            cycle.forEach(c -> names.add(c.describe()));
            names.add(first.describe());
            throw TemplateError.at(source.locate(first.decl.path()), Codes.CIRCULAR_DEPENDENCY,
                    "Deployment template validation failed: 'Circular dependency detected on resource: '" + first.describe()
                            + "'. The cycle: " + String.join(" -> ", names) + ". Please see https://aka.ms/arm-template/#resources for usage details.'");
        }
        return out;
    }

    /** A cycle among the resources that could not be ordered, starting at the earliest declared. */
    private static List<Instance> findCycle(List<Instance> nodes, Map<Instance, Integer> pending) {
        Set<Instance> stuck = new HashSet<>();
        for (Instance n : nodes) {
            if (pending.get(n) > 0) {
                stuck.add(n);
            }
        }
        for (Instance start : nodes) {
            if (!stuck.contains(start)) {
                continue;
            }
            List<Instance> path = new ArrayList<>();
            Map<Instance, Integer> onPath = new HashMap<>();
            Instance cur = start;
            while (cur != null && !onPath.containsKey(cur)) {
                onPath.put(cur, path.size());
                path.add(cur);
                Instance next = null;
                for (Instance d : cur.dependencies) {
                    if (stuck.contains(d)) {
                        next = d;
                        break;
                    }
                }
                cur = next;
            }
            if (cur != null) {
                return new ArrayList<>(path.subList(onPath.get(cur), path.size()));
            }
        }
        return new ArrayList<>(stuck);
    }
}
