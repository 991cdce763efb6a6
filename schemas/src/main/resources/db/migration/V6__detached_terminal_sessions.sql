-- Terminal sessions left running detached at an agent (socket gone, shell kept
-- for the agent's grace period), counted per user across every ws-gateway
-- replica: a user may hold at most envstream.gateway.limits.detached-terminal-sessions
-- of them before a new terminal is refused with 4429. The gateway whose client
-- detached inserts the row with expires_at = now + grace; a reattach (any
-- replica), a report that the session ended, or the grace passing removes it.
-- Only rows with expires_at > now() count.
CREATE TABLE detached_terminal_sessions (
  session_id     text        PRIMARY KEY,
  user_id        text        NOT NULL,
  environment_id text        NOT NULL,
  detached_at    timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  CHECK (expires_at > detached_at)
);

-- counting a user's live detached sessions
CREATE INDEX detached_terminal_sessions_user_idx ON detached_terminal_sessions (user_id, expires_at);
-- sweeping the expired ones
CREATE INDEX detached_terminal_sessions_expires_idx ON detached_terminal_sessions (expires_at);
