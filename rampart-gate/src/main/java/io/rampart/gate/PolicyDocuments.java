package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds policy definition and initiative files named by {@code --policy}, {@code --initiative}
 * or an assignment. The gate does no file I/O itself; {@link TemplateFiles#policyDocuments()}
 * reads the file system.
 */
@FunctionalInterface
public interface PolicyDocuments {

    /** No files: every reference is a built-in. */
    PolicyDocuments NONE = (ref, baseDir) -> null;

    /**
     * @param ref     what the user wrote
     * @param baseDir the folder relative paths are resolved against (null: working directory)
     * @return the document when {@code ref} names an existing file, else null (then {@code ref} is
     *         looked up in the built-in library)
     * @throws GateInputException when it names a file that can't be read or isn't JSON
     */
    Document find(String ref, String baseDir);

    /** A definition or initiative file: its name for messages and its JSON. */
    record Document(String source, JsonNode json) {
    }
}
