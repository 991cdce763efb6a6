-- Activity of an environment per minute, kept by the persister in the same
-- transaction as what it counts, so that GET /api/v1/environments/{id}/activity
-- reads a few rows per hour instead of scanning log_entries:
--   lines per stream and lines that look like an error or a warning (by the
--   Docker timestamp's minute, in the transaction that stores them in
--   log_entries: only rows that were new count, so a replayed batch adds nothing);
--   restarts (by the minute of the status that brought the environment back to
--   running after it had gone down; from envstream.status).
-- Rows older than the persister's retention are deleted with the log partitions.
CREATE TABLE environment_activity (
  environment_id text        NOT NULL,
  minute         timestamptz NOT NULL CHECK (minute = date_trunc('minute', minute)),
  stdout_lines   bigint      NOT NULL DEFAULT 0 CHECK (stdout_lines >= 0),
  stderr_lines   bigint      NOT NULL DEFAULT 0 CHECK (stderr_lines >= 0),
  error_lines    bigint      NOT NULL DEFAULT 0 CHECK (error_lines >= 0),
  warning_lines  bigint      NOT NULL DEFAULT 0 CHECK (warning_lines >= 0),
  restarts       integer     NOT NULL DEFAULT 0 CHECK (restarts >= 0),
  PRIMARY KEY (environment_id, minute)
);

-- purging by age across environments
CREATE INDEX environment_activity_minute_idx ON environment_activity (minute);

-- Where the persister's reading of envstream.status stands per environment:
-- the position of the last status it applied (a record at or before it is a
-- replay and changes nothing) and whether the environment has gone down
-- (exited, stopped, dead, restarting) since it last ran; the next running
-- status then counts as a restart.
CREATE TABLE environment_lifecycle (
  environment_id  text    PRIMARY KEY,
  kafka_partition integer NOT NULL,
  kafka_offset    bigint  NOT NULL,
  down            boolean NOT NULL
);
