package io.rampart.server.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

/**
 * The API description (OpenAPI 3), checked in as src/main/resources/openapi.json: ARM routes are
 * generic (any type at any depth), so it is written by hand rather than derived from handler
 * methods; OpenApiDocumentTest keeps it in step with what the server answers.
 */
@RestController
public class OpenApiController {

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> openApi() throws IOException {
        try (InputStream in = new ClassPathResource("openapi.json").getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(in.readAllBytes());
        }
    }
}
