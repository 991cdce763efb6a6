/**
 * What a close code means and what a client does about it, as PROTOCOL.md ("Connecting and closing",
 * "Client behaviour") says: reconnect with backoff on 1001, 1006, 1011 and 4429, and on the heartbeat's
 * 1000; on 4401 get a fresh token first; never retry 4403, 4404, 1008 or 1009.
 */

/** Codes after which the client reconnects with backoff. */
export const RETRY_CODES: ReadonlySet<number> = new Set([1001, 1006, 1011, 4429]);

/** 4401: the token was refused; reconnect only with a fresh one. */
export const UNAUTHORIZED = 4401;

/** Reconnect delays in ms, one per retry: 1, 2, 4, 8, 16 s (5 retries). */
export const BACKOFF_MS: readonly number[] = [1000, 2000, 4000, 8000, 16000];

export type CloseAction = 'retry' | 'refresh-token' | 'stop';

/**
 * The reason of the gateway's 1000 close of a connection that answered no ping in time: the client is alive after
 * all (a stalled network, a frozen tab), so it reconnects (logs resume from the last cursor) like after a 1006.
 */
export const HEARTBEAT_TIMEOUT_REASON = 'heartbeat timeout';

export function closeAction(code: number, reason = ''): CloseAction {
  if (RETRY_CODES.has(code) || (code === 1000 && reason === HEARTBEAT_TIMEOUT_REASON)) {
    return 'retry';
  }
  return code === UNAUTHORIZED ? 'refresh-token' : 'stop';
}

/**
 * Delay before retry number `attempt` (0-based), or undefined when the retries are used up.
 * `jitter` in [0, 1) spreads clients that lost the same server: up to +20% of the step.
 */
export function backoffDelay(attempt: number, jitter = 0, schedule: readonly number[] = BACKOFF_MS): number | undefined {
  if (attempt < 0 || attempt >= schedule.length) {
    return undefined;
  }
  const step = schedule[attempt]!;
  return Math.round(step + step * 0.2 * Math.min(Math.max(jitter, 0), 1));
}

const WORDS: Record<number, string> = {
  1000: 'closed normally',
  1001: 'the server is shutting down',
  1006: 'the connection was lost',
  1008: 'the server refused a message from this client',
  1009: 'a message from this client was too large',
  1011: 'the server hit an unexpected error',
  4401: 'not signed in, or the token has expired',
  4403: 'you may not access this environment',
  4404: 'this environment (or terminal session) does not exist',
  4409: 'this terminal session is attached elsewhere',
  4429: 'too many connections or connection attempts',
};

/** The close in words for a person: the code's meaning, then the server's own reason when it gave one. */
export function describeClose(code: number, reason = ''): string {
  const meaning = WORDS[code] ?? `closed with code ${code}`;
  const said = reason.trim();
  return said && said !== meaning ? `${meaning} (${said})` : meaning;
}
