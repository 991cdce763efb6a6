-- The alerts app's own tables, in its own schema with its own Flyway history (alerts.flyway_schema_history),
-- so its versions never collide with the persister's migrations in public.

CREATE TABLE alert_rules (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    -- selector: one environment, or every environment whose descriptor carries all these labels
    env_id      text,
    kind        text        NOT NULL CHECK (kind IN ('LOG_PATTERN', 'METRIC_THRESHOLD', 'LIFECYCLE')),
    pattern     text,
    metric      text,
    above       double precision,
    event       text,
    at_least    integer,
    window_ms   bigint,
    for_ms      bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_rule_labels (
    rule_id  bigint NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    key      text   NOT NULL,
    value    text   NOT NULL,
    PRIMARY KEY (rule_id, key)
);

-- one row per (alert, webhook) that took the alert: a redelivered alert is not posted there again
CREATE TABLE webhook_deliveries (
    alert_id      text        NOT NULL,
    webhook       text        NOT NULL,
    delivered_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, webhook)
);
