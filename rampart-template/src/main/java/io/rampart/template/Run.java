package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one {@link TemplateEngine#expand} call: the stand-ins, the linked-template
 * resolver, warnings, budgets that keep hostile templates finite, and the compiled templates
 * (each template JSON is compiled once per run, however often it is deployed).
 */
final class Run {

    /** ARM allows 800 resources per template; nested deployments multiply that, so the run has its own cap. */
    static final int MAX_INSTANCES = 20_000;
    /** Deployments nested (or linked) deeper than this are refused: a template linking itself must stop. */
    static final int MAX_DEPTH = 32;
    /** Resource bodies being evaluated inside each other (through reference()) deeper than this are refused. */
    static final int MAX_EVALUATION_DEPTH = 200;

    final Clock clock;
    final DeploymentContext context;
    final LinkedTemplates linked;
    /** The source name of the template being deployed (linked URIs resolve against it). */
    final String rootName;
    final List<TemplateProblem> warnings = new ArrayList<>();
    /** Bodies being evaluated, innermost last: reference() back into one of them is a cycle. */
    final Deque<Instance> evaluating = new ArrayDeque<>();
    /** Inner-scope templates compiled with their own library, by template node. */
    final Map<JsonNode, Bindings.Compiled> innerTemplates = new IdentityHashMap<>();
    private int instances;
    private int newGuids;

    Run(Clock clock, DeploymentContext context, LinkedTemplates linked, String rootName) {
        this.rootName = rootName;
        this.clock = clock;
        this.context = context;
        this.linked = linked == null ? LinkedTemplates.NONE : linked;
    }

    void countInstance(SourceLocation where) {
        if (++instances > MAX_INSTANCES) {
            throw TemplateError.at(where, Codes.RESOURCE_LIMIT, "The deployment expands to more than " + MAX_INSTANCES
                    + " resources (with its nested deployments); ARM limits a template to 800 resources.");
        }
    }

    int nextGuidSequence() {
        return newGuids++;
    }

    void warn(TemplateProblem p) {
        if (warnings.size() < 1000) {
            warnings.add(p);
        }
    }
}
