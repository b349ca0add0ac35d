-- Stored JARs found no longer to hash to their digest (by the scrubber): never served while here.
create table corrupt_blob (
    sha256        varchar(64) not null primary key,
    actual_sha256 varchar(64),
    detected_at   timestamp with time zone not null
);
