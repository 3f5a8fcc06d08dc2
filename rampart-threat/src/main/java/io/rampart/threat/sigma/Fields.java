package io.rampart.threat.sigma;

import java.util.List;

/**
 * What a compiled rule sees of an event: the values of a Sigma field name (after the log
 * source's field mapping) and every text value of the event, for keyword searches.
 */
public interface Fields {

    /** The field's values; {@link FieldValues#ABSENT} when the event has no such field. */
    FieldValues get(String field);

    /** Every scalar value of the event as text (keyword search), lower case. */
    List<String> allTextLower();
}
