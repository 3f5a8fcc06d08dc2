package io.rampart.threat.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One log record as read: its family, the JSON as written, when it happened (null when the record
 * carries no readable time) and where it came from.
 */
public record LogEvent(LogFamily family, JsonNode body, Instant time, Origin origin) {
}
