-- Remediation tasks (Microsoft.PolicyInsights/remediations), their per-resource work items, and
-- the idempotency keys of writes made on a remediation's behalf (H2). The PostgreSQL file beside
-- it differs only in the large-text column type.
-- A task's body and an item's body are the remediation engine's records (JSON); the columns beside
-- them are what the store looks things up by.
create table remediation_tasks (
    id_key     varchar(2048) not null primary key,
    id         varchar(2048) not null,
    scope      varchar(2048) not null,
    scope_key  varchar(2048) not null,
    state      varchar(32)   not null,
    finished   boolean       not null,
    body       clob          not null,
    updated_at bigint        not null
);
create index remediation_tasks_scope on remediation_tasks (scope_key, id_key);
create index remediation_tasks_unfinished on remediation_tasks (finished, id_key);

create table remediation_items (
    task_key    varchar(2048) not null,
    seq         integer       not null,
    resource_id varchar(2048) not null,
    state       varchar(32)   not null,
    body        clob          not null,
    primary key (task_key, seq)
);

-- One row per write (or deployment) made with an idempotency key, inserted in the transaction of
-- the write itself: a key is here exactly when its write committed.
create table idempotency_keys (
    idem_key    varchar(512)  not null primary key,
    resource_id varchar(2048),
    result      clob          not null,
    recorded_at bigint        not null
);
