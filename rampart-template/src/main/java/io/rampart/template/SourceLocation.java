package io.rampart.template;

/**
 * Where something is in a source file.
 *
 * @param file     the file (or other source name)
 * @param line     1-based line, 0 when unknown
 * @param column   1-based column, 0 when unknown
 * @param jsonPath JSON path inside the document, e.g. {@code $.resources[2]}
 */
public record SourceLocation(String file, int line, int column, String jsonPath) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + (jsonPath == null ? "" : " " + jsonPath);
    }
}
