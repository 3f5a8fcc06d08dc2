-- Security alerts raised by live threat detection and the incidents built from them (PostgreSQL). The
-- H2 file beside it differs only in the large-text column type. V3 (not V2): another change
-- takes V2; Flyway does not need versions to be contiguous.
-- An alert row is replaced when repeats fold into it (same alert_id); status is changed only by
-- set-status calls. body is the whole alert (rampart-threat's lossless JSON); the columns are what
-- the store filters and orders on. *_key columns hold lower-cased ARM ids.
create table security_alerts (
    seq               bigint generated always as identity primary key,
    alert_id          varchar(128)  not null unique,
    alert_type        varchar(512)  not null,
    status            varchar(32)   not null,
    start_time        bigint        not null,
    end_time          bigint        not null,
    status_changed_at bigint,
    body              text          not null
);
create index security_alerts_end on security_alerts (end_time);

-- The subscriptions an alert belongs to (it names resources in them); listing is per subscription.
create table security_alert_scopes (
    subscription_key varchar(128) not null,
    alert_id         varchar(128) not null references security_alerts (alert_id) on delete cascade,
    primary key (subscription_key, alert_id)
);

-- A subscription's incidents as last built from its alerts, replaced as a whole on every change.
create table security_incidents (
    subscription_key varchar(128) not null,
    incident_id      varchar(128) not null,
    position         integer      not null,
    start_time       bigint       not null,
    end_time         bigint       not null,
    body             text         not null,
    primary key (subscription_key, incident_id)
);
