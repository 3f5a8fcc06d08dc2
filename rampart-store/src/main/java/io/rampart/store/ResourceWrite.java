package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A create-or-replace of the resource {@code id} of {@code type}, by {@code actor}.
 * {@code ifMatch}: the etag the caller last saw ("*" = must exist); {@code ifNoneMatch} "*" =
 * must not exist yet.
 */
public record ResourceWrite(String id, String type, JsonNode body, String actor,
                            Optional<String> ifMatch, Optional<String> ifNoneMatch) {
    public ResourceWrite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        ifMatch = ifMatch == null ? Optional.empty() : ifMatch;
        ifNoneMatch = ifNoneMatch == null ? Optional.empty() : ifNoneMatch;
    }

    public static ResourceWrite of(String id, String type, JsonNode body, String actor) {
        return new ResourceWrite(id, type, body, actor, Optional.empty(), Optional.empty());
    }
}
