package io.rampart.template;

/**
 * Finds linked templates ({@code templateLink.relativePath}) relative to the template that links
 * them. The engine does no I/O; the caller (CLI, gate) reads files. Returns null when the template
 * can't be found, and the engine reports it as unresolved.
 */
@FunctionalInterface
public interface LinkedTemplates {

    LinkedTemplates NONE = (from, relativePath) -> null;

    /**
     * @param from         the source name of the linking template
     * @param relativePath the path as written in templateLink.relativePath
     */
    TemplateSource resolve(String from, String relativePath);
}
