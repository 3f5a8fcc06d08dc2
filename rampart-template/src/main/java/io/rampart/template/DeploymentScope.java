package io.rampart.template;

/** The scope a template is deployed at; it decides the resource ids and which functions are valid. */
public enum DeploymentScope {
    RESOURCE_GROUP, SUBSCRIPTION, MANAGEMENT_GROUP, TENANT
}
