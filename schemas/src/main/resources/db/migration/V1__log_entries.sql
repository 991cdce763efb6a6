-- One row per log line, keyed by its position in the envstream.logs topic:
-- (environment_id, kafka_partition, kafka_offset, batch_index).
--
-- The table is RANGE-partitioned by day on ts so that retention drops whole
-- partitions (a metadata operation: no dead tuples, no vacuum debt, no index
-- bloat) instead of DELETEing billions of rows. A PostgreSQL primary key on a
-- partitioned table must contain the partition column, so ts is part of it;
-- a position always carries the same ts, so the key is still unique per
-- position and a replayed batch inserted with ON CONFLICT DO NOTHING adds
-- nothing twice.
CREATE TABLE log_entries (
  environment_id  text        NOT NULL,
  kafka_partition integer     NOT NULL CHECK (kafka_partition >= 0),
  kafka_offset    bigint      NOT NULL CHECK (kafka_offset >= 0),
  batch_index     integer     NOT NULL CHECK (batch_index >= 0),
  -- the Docker timestamp; timestamptz keeps microseconds, ts_nanos keeps the
  -- full value as nanoseconds since the epoch (UTC), as in the Avro LogEvent
  ts              timestamptz NOT NULL,
  ts_nanos        bigint      NOT NULL,
  stream          text        NOT NULL CHECK (stream IN ('stdout', 'stderr')),
  container_id    text        NOT NULL,
  host_id         text        NOT NULL,
  seq             bigint      NOT NULL,
  message         text        NOT NULL,
  metadata        jsonb,
  CONSTRAINT log_entries_pkey
    PRIMARY KEY (environment_id, kafka_partition, kafka_offset, batch_index, ts)
) PARTITION BY RANGE (ts);

-- "Newest N lines of an environment, by position" (and paging before/after a
-- cursor) is served by the primary key: equality on environment_id, then a
-- backward scan gives kafka_partition, kafka_offset, batch_index descending.
-- A separate (environment_id, kafka_partition, kafka_offset DESC,
-- batch_index DESC) index would be an exact duplicate that every insert pays
-- for, so there is none.

-- "Lines of an environment between two times"; partition pruning on ts picks
-- the days, this index the environment inside each day.
CREATE INDEX log_entries_environment_ts_idx ON log_entries (environment_id, ts);

-- Rows outside every daily partition (clock skew, a replay of old data, a
-- missed maintenance run) land here rather than being rejected.
CREATE TABLE log_entries_default PARTITION OF log_entries DEFAULT;

-- Creates the daily partitions log_entries_yyyymmdd for from_day and the
-- (days - 1) following days, [day 00:00 UTC, next day 00:00 UTC). Idempotent:
-- existing partitions are left alone. If rows for a new day already sit in
-- the DEFAULT partition they are moved into the new partition, because
-- PostgreSQL refuses to create a partition whose rows the DEFAULT partition
-- already holds. Returns the names of the partitions created.
CREATE FUNCTION envstream_ensure_log_partitions(from_day date, days integer)
  RETURNS SETOF text
  LANGUAGE plpgsql
AS $$
DECLARE
  day  date;
  name text;
  lo   text;
  hi   text;
BEGIN
  IF days < 0 THEN
    RAISE EXCEPTION 'days must not be negative: %', days;
  END IF;
  FOR i IN 0 .. days - 1 LOOP
    day := from_day + i;
    name := 'log_entries_' || to_char(day, 'YYYYMMDD');
    CONTINUE WHEN to_regclass(format('%I', name)) IS NOT NULL;
    lo := to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00';
    hi := to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00';
    -- blocks concurrent inserts into DEFAULT until commit, so nothing for
    -- this day can slip in between the check and the partition's creation
    LOCK TABLE log_entries_default IN SHARE ROW EXCLUSIVE MODE;
    IF EXISTS (SELECT 1 FROM log_entries_default
               WHERE ts >= lo::timestamptz AND ts < hi::timestamptz) THEN
      EXECUTE format('CREATE TABLE %I (LIKE log_entries INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM log_entries_default WHERE ts >= %L AND ts < %L RETURNING *) '
        'INSERT INTO %I SELECT * FROM moved', lo, hi, name);
      EXECUTE format('ALTER TABLE log_entries ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        name, lo, hi);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF log_entries FOR VALUES FROM (%L) TO (%L)',
        name, lo, hi);
    END IF;
    RETURN NEXT name;
  END LOOP;
END;
$$;

-- Retention: drops every daily partition log_entries_yyyymmdd whose day is
-- before the given day (its rows are all older than day 00:00 UTC) and
-- returns the names dropped. Partitions not named like a day are left alone.
CREATE FUNCTION envstream_drop_log_partitions_before(day date)
  RETURNS SETOF text
  LANGUAGE plpgsql
AS $$
DECLARE
  name text;
BEGIN
  FOR name IN
    SELECT c.relname
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'log_entries'::regclass
      AND c.relname ~ '^log_entries_[0-9]{8}$'
      AND to_date(substr(c.relname, 13), 'YYYYMMDD') < day
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', name);
    RETURN NEXT name;
  END LOOP;
END;
$$;

-- Retention for what ended up in DEFAULT: deletes its rows older than day
-- 00:00 UTC and returns how many. DEFAULT should hold next to nothing while
-- partitions are created ahead of time; a retention job calls this after
-- envstream_drop_log_partitions_before.
CREATE FUNCTION envstream_purge_log_default_before(day date)
  RETURNS bigint
  LANGUAGE sql
AS $$
  WITH purged AS (
    DELETE FROM log_entries_default
    WHERE ts < (to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00')::timestamptz
    RETURNING 1
  )
  SELECT count(*) FROM purged;
$$;

-- Yesterday (late lines, a collector catching up) through a week ahead; a
-- maintenance job keeps calling this daily.
SELECT envstream_ensure_log_partitions(CAST(now() AT TIME ZONE 'UTC' AS date) - 1, 9);
