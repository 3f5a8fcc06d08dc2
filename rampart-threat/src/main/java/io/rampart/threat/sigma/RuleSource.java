package io.rampart.threat.sigma;

/** Sigma YAML text and the name it is reported under (a path, or the shipped rule's path). */
public record RuleSource(String name, String yaml) {
}
