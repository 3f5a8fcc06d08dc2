-- Rampart store, initial schema (H2). The PostgreSQL file beside it differs only in column types.
-- Ids keep their spelling in *_id columns; *_key columns hold the lower-cased form ARM compares
-- case-insensitively, and every lookup goes through them.
create table resources (
    id_key          varchar(2048) not null primary key,
    id              varchar(2048) not null,
    scope_key       varchar(2048) not null,
    type            varchar(512)  not null,
    type_key        varchar(512)  not null,
    subscription_id varchar(128),
    resource_group  varchar(256),
    name            varchar(512)  not null,
    body            clob          not null,
    etag            varchar(64)   not null,
    created_at      bigint        not null,
    created_by      varchar(512),
    changed_at      bigint        not null,
    changed_by      varchar(512)
);
create index resources_scope on resources (scope_key, type_key, id_key);
create index resources_type on resources (type_key, id_key);
create index resources_subscription on resources (subscription_id, id_key);

create table activity_log (
    seq             bigint generated always as identity primary key,
    event_id        varchar(64)   not null,
    correlation_id  varchar(64)   not null,
    event_time      bigint        not null,
    caller          varchar(512),
    operation       varchar(512)  not null,
    status          varchar(64)   not null,
    http_status     integer       not null,
    resource_id     varchar(2048),
    resource_key    varchar(2048),
    subscription_id varchar(128),
    resource_group  varchar(256),
    level_name      varchar(32)   not null,
    policy_outcome  clob,
    properties      clob
);
create index activity_time on activity_log (event_time);
create index activity_subscription on activity_log (subscription_id, seq);
create index activity_correlation on activity_log (correlation_id);

create table policy_states (
    resource_key      varchar(2048) not null,
    resource_id       varchar(2048) not null,
    assignment_key    varchar(2048) not null,
    assignment_id     varchar(2048) not null,
    definition_id     varchar(2048) not null,
    reference_id      varchar(512)  not null,
    set_definition_id varchar(2048),
    compliance_state  varchar(32)   not null,
    evaluated_at      bigint        not null,
    resource_type     varchar(512),
    subscription_id   varchar(128),
    details           clob,
    primary key (resource_key, assignment_key, reference_id)
);
create index policy_states_assignment on policy_states (assignment_key);
create index policy_states_subscription on policy_states (subscription_id, resource_key);

create table principals (
    id           varchar(128) not null primary key,
    display_name varchar(512) not null,
    kind         varchar(32)  not null,
    created_at   bigint       not null
);

create table tokens (
    token_hash   varchar(64)  not null primary key,
    principal_id varchar(128) not null references principals (id) on delete cascade,
    description  varchar(512),
    created_at   bigint       not null,
    expires_at   bigint
);
