-- Stored bytes a registration is about to commit (DESIGN rule 7 across replicas): a replica claims
-- the digest before it stores the bytes, and the collector deletes bytes only while it holds the
-- digest's row locked and no claim is newer than the grace period.
create table blob_claim (
    sha256     varchar(64) not null primary key,
    claimed_at timestamp with time zone not null
);
