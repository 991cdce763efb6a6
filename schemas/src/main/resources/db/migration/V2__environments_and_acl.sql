-- The latest known state of every environment, merged from the compacted
-- envstream.environments (descriptor columns) and envstream.status (status
-- columns) topics. A row is never deleted: removed_at marks an environment
-- whose container is gone, and its log history stays readable.
CREATE TABLE environments (
  environment_id text        PRIMARY KEY,
  host_id        text        NOT NULL,
  container_id   text,
  -- name, image and created_at are null while only a status has been seen
  name           text,
  image          text,
  labels         jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(labels) = 'object'),
  owner          text,
  team           text,
  agent_url      text,
  created_at     timestamptz,
  removed_at     timestamptz,
  status         text        CHECK (status IN ('created', 'running', 'paused', 'restarting',
                                               'stopped', 'exited', 'dead', 'removed')),
  exit_code      integer,
  health         text        CHECK (health IN ('starting', 'healthy', 'unhealthy')),
  status_at      timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- access checks and "environments I may see": by owner, by team
CREATE INDEX environments_owner_idx ON environments (owner) WHERE owner IS NOT NULL;
CREATE INDEX environments_team_idx ON environments (team) WHERE team IS NOT NULL;

-- Grants beyond the owner and team labels. No foreign key to environments:
-- descriptors arrive asynchronously from Kafka, so a grant may be written
-- before its environment is known, and environments are never deleted.
CREATE TABLE environment_acl (
  environment_id text        NOT NULL,
  principal_type text        NOT NULL CHECK (principal_type IN ('user', 'team')),
  principal      text        NOT NULL CHECK (principal <> ''),
  granted_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (environment_id, principal_type, principal)
);

-- "which environments may principal X see"
CREATE INDEX environment_acl_principal_idx
  ON environment_acl (principal_type, principal, environment_id);
