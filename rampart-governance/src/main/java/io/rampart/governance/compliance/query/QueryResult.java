package io.rampart.governance.compliance.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.util.List;

/** The rows a query returns (policy states, or groups with their aggregates). */
public record QueryResult(List<ObjectNode> rows) {

    public QueryResult {
        rows = List.copyOf(rows);
    }

    public ArrayNode valueJson() {
        ArrayNode a = Values.array();
        rows.forEach(a::add);
        return a;
    }

    /**
     * The response body: {@code {"@odata.context", "@odata.count", "value": [...]}} with the
     * {@code @odata.id}/{@code @odata.context} members each row carries in Azure's examples.
     *
     * @param metadataBase e.g. {@code https://management.azure.com/subscriptions/{id}/providers/Microsoft.PolicyInsights/policyStates/$metadata}
     */
    public ObjectNode toJson(String metadataBase) {
        ObjectNode root = Values.object();
        root.put("@odata.context", metadataBase + "#latest");
        root.put("@odata.count", rows.size());
        ArrayNode value = root.putArray("value");
        for (ObjectNode r : rows) {
            ObjectNode o = Values.object();
            o.putNull("@odata.id");
            o.put("@odata.context", metadataBase + "#latest/$entity");
            o.setAll(r);
            value.add(o);
        }
        return root;
    }
}
