package io.rampart.gate;

import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.PolicyEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test helpers: policies from src/test/resources/policies, templates from .../templates, the fake expander, a fixed clock. */
final class Gate {

    static final String POLICIES = "src/test/resources/policies";
    static final String TEMPLATES = "src/test/resources/templates";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);

    private static PolicyEngine engine;

    private Gate() {
    }

    static synchronized PolicyEngine engine() {
        if (engine == null) {
            engine = new PolicyEngine(BuiltInLibrary.load().aliases());
        }
        return engine;
    }

    static PolicySelector selector() {
        return new PolicySelector(engine(), BuiltInLibrary.load(), TemplateFiles.policyDocuments());
    }

    static PolicySet policies(Assignment... assignments) {
        return selector().select(Arrays.asList(assignments));
    }

    /** A policy file from the fixtures, assigned without parameters. */
    static Assignment assign(String file) {
        return assign(file, Map.of(), EnforcementMode.DEFAULT);
    }

    static Assignment assign(String file, Map<String, com.fasterxml.jackson.databind.JsonNode> params, EnforcementMode mode) {
        return new Assignment(null, Assignment.Target.ANY, file, POLICIES, params, mode, List.of(), "test");
    }

    static TemplateCheck check(PolicySet policies) {
        return new TemplateCheck(policies, new FakeExpander(), CLOCK);
    }

    /** A fixture template, shown as infra/NAME. */
    static TemplateInput template(String name) {
        return TemplateInput.of("infra/" + name, text(Path.of(TEMPLATES, name)));
    }

    static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
