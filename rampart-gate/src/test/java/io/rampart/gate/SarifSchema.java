package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official SARIF 2.1.0 JSON schema (OASIS, errata 01; src/test/resources/sarif, credited in
 * NOTICE), applied with networknt json-schema-validator (draft-04, formats asserted).
 */
public final class SarifSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    private SarifSchema() {
    }

    static synchronized JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
                JsonNode node = MAPPER.readTree(in);
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    /** The schema violations of a SARIF log (empty when valid). */
    public static List<String> violations(String sarif) {
        try {
            return schema().validate(MAPPER.readTree(sarif)).stream().map(ValidationMessage::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
