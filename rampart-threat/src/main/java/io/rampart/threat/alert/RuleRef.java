package io.rampart.threat.alert;

import io.rampart.threat.sigma.SigmaRule;

import java.util.List;

/**
 * The rule behind an alert, as the Detection Rule License asks it to be credited: title, id,
 * author, the license and where the rule comes from; plus its level, status, tags and references.
 */
public record RuleRef(String title, String id, String author, String level, String status, List<String> tags,
                      List<String> references, List<String> falsePositives, String license, String source) {

    public RuleRef {
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
    }

    /** SigmaHQ rules carry no license field: they are all under the Detection Rule License 1.1. */
    public static RuleRef of(SigmaRule r, String defaultLicense) {
        return new RuleRef(r.title(), r.key(), r.author(), r.level() == null ? null : r.level().sigmaName(), r.status(),
                r.tags(), r.references(), r.falsePositives(), r.license() != null ? r.license() : defaultLicense, r.source());
    }

    /** "Title (id) by Author, Detection Rule License 1.1" — the attribution line. */
    public String attribution() {
        return "\"" + title + "\" (" + id + ")" + (author == null ? "" : " by " + author) + ", license " + license
                + (source == null ? "" : ", " + source);
    }
}
