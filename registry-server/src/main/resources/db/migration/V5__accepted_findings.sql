-- DESIGN rule 2: a workspace admin may register a JAR despite named error findings. The version
-- records which codes were accepted, why, by whom and when; a version registered without accepting
-- anything has none of the four, and the check keeps the record whole (all four or none).
alter table connector_version add column accepted_findings varchar(2048);
alter table connector_version add column accept_reason varchar(500);
alter table connector_version add column accepted_by varchar(256);
alter table connector_version add column accepted_at timestamp with time zone;
alter table connector_version add constraint ck_version_acceptance check (
    (accepted_findings is null and accept_reason is null and accepted_by is null and accepted_at is null)
    or (accepted_findings is not null and accept_reason is not null and accepted_by is not null
        and accepted_at is not null));
