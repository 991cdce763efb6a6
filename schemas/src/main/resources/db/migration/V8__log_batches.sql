-- One row per envstream.logs batch record instead of one per line, as Loki stores chunks: PostgreSQL and the
-- persister cost most of a line's budget when every line was a row with its own index entries and tuple header.
-- A batch row holds its lines column by column in arrays, line i (from 1) at element i; TOAST compresses the
-- large ones. A line's position, its cursor, keeps its meaning: (kafka_partition, kafka_offset) of its batch
-- record and batch_index = its element number - 1.
--
-- Partitioned by day on max_ts, the time of the batch's newest line, so that retention, which drops the day
-- partitions older than it, drops a batch only once every line of it is older; the primary key must contain the
-- partition column, and a replayed batch record carries the same max_ts, so ON CONFLICT DO NOTHING still skips it
-- whole.
CREATE TABLE log_batches (
  environment_id  text        NOT NULL,
  kafka_partition integer     NOT NULL CHECK (kafka_partition >= 0),
  kafka_offset    bigint      NOT NULL CHECK (kafka_offset >= 0),
  -- the oldest and newest Docker timestamps of the lines, cut to the microseconds timestamptz keeps
  min_ts          timestamptz NOT NULL,
  max_ts          timestamptz NOT NULL,
  line_count      integer     NOT NULL CHECK (line_count > 0),
  -- per line: nanoseconds since the epoch (UTC), as in the Avro LogEvent
  ts_nanos        bigint[]    NOT NULL,
  -- per line one character: o = stdout, e = stderr
  streams         text        NOT NULL CHECK (streams ~ '^[oe]+$'),
  -- one element when every line has the same id (a batch is mostly one container's), else one per line
  container_ids   text[]      NOT NULL,
  host_ids        text[]      NOT NULL,
  seqs            bigint[]    NOT NULL,
  messages        text[]      NOT NULL,
  -- null when no line has metadata, else a JSON array with one element per line (an object, or null)
  metadata        jsonb,
  CONSTRAINT log_batches_lines_check CHECK (
    max_ts >= min_ts
    AND cardinality(ts_nanos) = line_count AND length(streams) = line_count
    AND cardinality(seqs) = line_count AND cardinality(messages) = line_count
    AND cardinality(container_ids) IN (1, line_count) AND cardinality(host_ids) IN (1, line_count)
    AND (metadata IS NULL OR jsonb_array_length(metadata) = line_count)),
  CONSTRAINT log_batches_pkey PRIMARY KEY (environment_id, kafka_partition, kafka_offset, max_ts)
) PARTITION BY RANGE (max_ts);

-- "Newest N lines" and paging by position are served by the primary key (a backward or forward scan after
-- equality on environment_id); "lines between two times" by this index: partition pruning on max_ts picks the
-- days, the index the environment's batches that end at or after the start.
CREATE INDEX log_batches_environment_max_ts_idx ON log_batches (environment_id, max_ts);

-- Rows outside every daily partition (clock skew, a replay of old data, a missed maintenance run) land here
-- rather than being rejected.
CREATE TABLE log_batches_default PARTITION OF log_batches DEFAULT;

-- The lines of log_batches one row each, with log_entries' columns, for people and tests reading lines with SQL.
-- The gateway reads log_batches itself, pruning by batch before it unnests.
CREATE VIEW log_lines AS
SELECT b.environment_id, b.kafka_partition, b.kafka_offset, (l.n - 1)::integer AS batch_index,
       timestamptz 'epoch' + (l.ts_nanos / 1000) * interval '1 microsecond' AS ts, l.ts_nanos,
       CASE substr(b.streams, l.n::integer, 1) WHEN 'e' THEN 'stderr' ELSE 'stdout' END AS stream,
       b.container_ids[CASE WHEN cardinality(b.container_ids) = 1 THEN 1 ELSE l.n END] AS container_id,
       b.host_ids[CASE WHEN cardinality(b.host_ids) = 1 THEN 1 ELSE l.n END] AS host_id,
       l.seq, l.message, NULLIF(b.metadata -> (l.n - 1)::integer, 'null'::jsonb) AS metadata
FROM log_batches b
CROSS JOIN LATERAL unnest(b.ts_nanos, b.seqs, b.messages) WITH ORDINALITY AS l(ts_nanos, seq, message, n);

-- The partition functions keep their names and contracts, now for log_batches: daily partitions
-- log_batches_yyyymmdd of [day 00:00 UTC, next day 00:00 UTC) on max_ts.

-- Creates the daily partitions for from_day and the (days - 1) following days. Idempotent: existing partitions
-- are left alone. If rows for a new day already sit in the DEFAULT partition they are moved into the new
-- partition, because PostgreSQL refuses to create a partition whose rows the DEFAULT partition already holds.
-- Returns the names of the partitions created.
CREATE OR REPLACE FUNCTION envstream_ensure_log_partitions(from_day date, days integer)
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
    name := 'log_batches_' || to_char(day, 'YYYYMMDD');
    CONTINUE WHEN to_regclass(format('%I', name)) IS NOT NULL;
    lo := to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00';
    hi := to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00';
    -- blocks concurrent inserts into DEFAULT until commit, so nothing for
    -- this day can slip in between the check and the partition's creation
    LOCK TABLE log_batches_default IN SHARE ROW EXCLUSIVE MODE;
    IF EXISTS (SELECT 1 FROM log_batches_default
               WHERE max_ts >= lo::timestamptz AND max_ts < hi::timestamptz) THEN
      EXECUTE format('CREATE TABLE %I (LIKE log_batches INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM log_batches_default WHERE max_ts >= %L AND max_ts < %L RETURNING *) '
        'INSERT INTO %I SELECT * FROM moved', lo, hi, name);
      EXECUTE format('ALTER TABLE log_batches ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        name, lo, hi);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF log_batches FOR VALUES FROM (%L) TO (%L)',
        name, lo, hi);
    END IF;
    RETURN NEXT name;
  END LOOP;
END;
$$;

-- Retention: drops every daily partition log_batches_yyyymmdd whose day is before the given day (every line of
-- its batches is older than day 00:00 UTC) and returns the names dropped. Partitions not named like a day are
-- left alone.
CREATE OR REPLACE FUNCTION envstream_drop_log_partitions_before(day date)
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
    WHERE i.inhparent = 'log_batches'::regclass
      AND c.relname ~ '^log_batches_[0-9]{8}$'
      AND to_date(substr(c.relname, 13), 'YYYYMMDD') < day
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', name);
    RETURN NEXT name;
  END LOOP;
END;
$$;

-- Retention for what ended up in DEFAULT: deletes its batches whose lines are all older than day 00:00 UTC and
-- returns how many batches. DEFAULT should hold next to nothing while partitions are created ahead of time; a
-- retention job calls this after envstream_drop_log_partitions_before.
CREATE OR REPLACE FUNCTION envstream_purge_log_default_before(day date)
  RETURNS bigint
  LANGUAGE sql
AS $$
  WITH purged AS (
    DELETE FROM log_batches_default
    WHERE max_ts < (to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00')::timestamptz
    RETURNING 1
  )
  SELECT count(*) FROM purged;
$$;

-- An upgrade keeps the history: the days log_entries had partitions for get theirs, then every batch's lines
-- move into its row in position order. A batch whose first lines a retention run had already dropped with an
-- older day (its lines straddled midnight) is left out: its remaining lines could no longer keep their
-- batch_index, and they are at the retention's edge anyway.
SELECT envstream_ensure_log_partitions(to_date(substr(c.relname, 13), 'YYYYMMDD'), 1)
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'log_entries'::regclass AND c.relname ~ '^log_entries_[0-9]{8}$';

INSERT INTO log_batches (environment_id, kafka_partition, kafka_offset, min_ts, max_ts, line_count, ts_nanos,
                         streams, container_ids, host_ids, seqs, messages, metadata)
SELECT environment_id, kafka_partition, kafka_offset, min(ts), max(ts), count(*),
       array_agg(ts_nanos ORDER BY batch_index),
       string_agg(CASE stream WHEN 'stderr' THEN 'e' ELSE 'o' END, '' ORDER BY batch_index),
       CASE WHEN min(container_id) = max(container_id) THEN ARRAY[min(container_id)]
            ELSE array_agg(container_id ORDER BY batch_index) END,
       CASE WHEN min(host_id) = max(host_id) THEN ARRAY[min(host_id)]
            ELSE array_agg(host_id ORDER BY batch_index) END,
       array_agg(seq ORDER BY batch_index), array_agg(message ORDER BY batch_index),
       CASE WHEN bool_or(metadata IS NOT NULL) THEN jsonb_agg(metadata ORDER BY batch_index) END
FROM log_entries
GROUP BY environment_id, kafka_partition, kafka_offset
HAVING max(batch_index) = count(*) - 1;

DROP TABLE log_entries;

-- Yesterday (late lines, a collector catching up) through a week ahead; a maintenance job keeps calling this
-- daily.
SELECT envstream_ensure_log_partitions(CAST(now() AT TIME ZONE 'UTC' AS date) - 1, 9);
