package io.rampart.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.UUID;

/** Anything unexpected: logged with its stack trace, answered with ARM's 500 body and no internals. */
@RestControllerAdvice
public class UnexpectedErrors {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<JsonNode> unexpected(Exception e) {
        String trackingId = UUID.randomUUID().toString();
        LOG.error("unexpected error, tracking id {}", trackingId, e);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("code", "InternalServerError")
                .put("message", "Encountered internal server error. Tracking ID: '" + trackingId + "'");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }
}
