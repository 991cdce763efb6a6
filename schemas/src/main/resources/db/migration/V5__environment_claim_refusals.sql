-- Descriptors the persister refused because they conflict with the claim of
-- their environment id: the host, owner and team of its first descriptor (or
-- of an admin's move), which the environments row keeps. A refused descriptor
-- changes nothing in environments; this row is what an admin sees of it
-- (GET /api/v1/environments/{id}/claim). The Kafka position makes a replay
-- of the same record insert nothing twice.
CREATE TABLE environment_claim_refusals (
  environment_id     text        NOT NULL,
  kafka_partition    integer     NOT NULL,
  kafka_offset       bigint      NOT NULL,
  reason             text        NOT NULL CHECK (reason IN ('host', 'owner', 'team')),
  host_id            text        NOT NULL,
  container_id       text,
  owner              text,
  team               text,
  claimed_host_id    text        NOT NULL,
  claimed_owner      text,
  claimed_team       text,
  published_at       timestamptz NOT NULL,
  refused_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (environment_id, kafka_partition, kafka_offset)
);

-- "the latest refusals of an environment"
CREATE INDEX environment_claim_refusals_recent_idx
  ON environment_claim_refusals (environment_id, refused_at DESC);
