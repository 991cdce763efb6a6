-- Cluster-wide connection limits (per user, per environment) that hold across
-- every ws-gateway replica. A gateway takes a lease when a WebSocket opens,
-- renews expires_at on a heartbeat (well before it passes; one UPDATE ... WHERE
-- gateway_id = ? renews all of a gateway's leases) and deletes the lease on
-- close. If a gateway dies its leases simply expire: only leases with
-- expires_at > now() count, and envstream_sweep_connection_leases() removes
-- the dead ones.
CREATE TABLE connection_leases (
  lease_id       uuid        PRIMARY KEY,
  user_id        text        NOT NULL,
  environment_id text        NOT NULL,
  endpoint       text        NOT NULL CHECK (endpoint IN ('logs', 'terminal', 'status')),
  gateway_id     text        NOT NULL,
  acquired_at    timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  CHECK (expires_at > acquired_at)
);

-- counting live leases per user and per environment
CREATE INDEX connection_leases_user_idx ON connection_leases (user_id, expires_at);
CREATE INDEX connection_leases_environment_idx ON connection_leases (environment_id, expires_at);
-- renewing or releasing every lease of one gateway (heartbeat, shutdown)
CREATE INDEX connection_leases_gateway_idx ON connection_leases (gateway_id);
-- sweeping expired leases
CREATE INDEX connection_leases_expires_idx ON connection_leases (expires_at);

-- Takes a lease unless the user or the environment already holds its maximum
-- of live leases. Counting and inserting race between replicas, so both keys
-- are serialized with transaction-scoped advisory locks (always user before
-- environment, so two callers cannot deadlock). Returns NULL when the lease
-- was taken, otherwise which limit was hit: 'user' or 'environment'.
CREATE FUNCTION envstream_try_acquire_connection_lease(
    p_lease_id uuid, p_user_id text, p_environment_id text, p_endpoint text,
    p_gateway_id text, p_ttl interval, p_max_per_user integer, p_max_per_environment integer)
  RETURNS text
  LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('envstream.lease.user:' || p_user_id, 0));
  PERFORM pg_advisory_xact_lock(hashtextextended('envstream.lease.environment:' || p_environment_id, 0));
  IF (SELECT count(*) FROM connection_leases
      WHERE user_id = p_user_id AND expires_at > clock_timestamp()) >= p_max_per_user THEN
    RETURN 'user';
  END IF;
  IF (SELECT count(*) FROM connection_leases
      WHERE environment_id = p_environment_id AND expires_at > clock_timestamp()) >= p_max_per_environment THEN
    RETURN 'environment';
  END IF;
  INSERT INTO connection_leases (lease_id, user_id, environment_id, endpoint, gateway_id, acquired_at, expires_at)
  VALUES (p_lease_id, p_user_id, p_environment_id, p_endpoint, p_gateway_id,
          clock_timestamp(), clock_timestamp() + p_ttl);
  RETURN NULL;
END;
$$;

-- Deletes leases that expired before now() and returns how many.
CREATE FUNCTION envstream_sweep_connection_leases()
  RETURNS bigint
  LANGUAGE sql
AS $$
  WITH swept AS (
    DELETE FROM connection_leases WHERE expires_at <= now() RETURNING 1
  )
  SELECT count(*) FROM swept;
$$;

-- The connect-rate limit as one token bucket per user (bounded: one row per
-- user, however many attempts). Each connect attempt, on any replica, calls
-- envstream_take_connect_token(user, capacity, refill_per_second): the
-- bucket is refilled lazily from the time elapsed since refilled_at, capped
-- at capacity, and one token is taken. false means "over the rate": close the
-- connection with 4429. The upsert locks the user's row, so concurrent
-- attempts from several replicas are counted exactly.
CREATE TABLE connect_rate_buckets (
  user_id     text             PRIMARY KEY,
  tokens      double precision NOT NULL CHECK (tokens >= 0),
  refilled_at timestamptz      NOT NULL
);

CREATE FUNCTION envstream_take_connect_token(
    p_user_id text, p_capacity integer, p_refill_per_second double precision)
  RETURNS boolean
  LANGUAGE plpgsql
AS $$
DECLARE
  taken boolean;
BEGIN
  IF p_capacity < 1 THEN
    RAISE EXCEPTION 'capacity must be at least 1: %', p_capacity;
  END IF;
  INSERT INTO connect_rate_buckets AS b (user_id, tokens, refilled_at)
  VALUES (p_user_id, p_capacity - 1, clock_timestamp())
  ON CONFLICT (user_id) DO UPDATE
    SET tokens = least(p_capacity, b.tokens + p_refill_per_second
                   * greatest(0, extract(epoch FROM clock_timestamp() - b.refilled_at))) - 1,
        refilled_at = clock_timestamp()
    WHERE least(p_capacity, b.tokens + p_refill_per_second
            * greatest(0, extract(epoch FROM clock_timestamp() - b.refilled_at))) >= 1
  RETURNING true INTO taken;
  RETURN coalesce(taken, false);
END;
$$;
