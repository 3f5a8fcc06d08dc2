package io.rampart.store;

import java.util.List;

/** The latest compliance records; each evaluation replaces what the previous one recorded. */
public interface PolicyStates {

    /** Replaces every record of {@code resourceId} (all assignments) by {@code records}. */
    void replaceForResource(String resourceId, List<PolicyStateRecord> records);

    /** Replaces every record of {@code assignmentId} (all resources) by {@code records}. */
    void replaceForAssignment(String assignmentId, List<PolicyStateRecord> records);

    /** Replaces the records of one resource under one assignment. */
    void replace(String resourceId, String assignmentId, List<PolicyStateRecord> records);

    int deleteForResource(String resourceId);

    int deleteForAssignment(String assignmentId);

    Page<PolicyStateRecord> query(PolicyStateQuery query);
}
