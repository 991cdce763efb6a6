import { TerminalClient, type ConnectionOptions } from '@envstream/client';

/**
 * What keeps a terminal's shell alive across a dropped socket, a reload or another environment chosen: the panel sends
 * `detach` after every `ready` (the gateway then leaves the shell running for its grace period whenever the socket
 * closes) and keeps the session id per environment in `sessionStorage` (per browser tab, gone with it), so the next
 * panel reattaches with `?session=` and gets what the shell printed meanwhile.
 */
const SESSION_KEY_PREFIX = 'envstream.terminal.session.';
const FONT_SIZE_KEY = 'envstream.terminal.fontSize';

/** The part of `Storage` used here. */
export type KeyValues = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const FONT_SIZES = { min: 8, default: 13, max: 32 } as const;

export function savedSession(storage: KeyValues, environmentId: string): string | undefined {
  return storage.getItem(SESSION_KEY_PREFIX + environmentId) ?? undefined;
}

export function saveSession(storage: KeyValues, environmentId: string, session: string): void {
  storage.setItem(SESSION_KEY_PREFIX + environmentId, session);
}

export function forgetSession(storage: KeyValues, environmentId: string): void {
  storage.removeItem(SESSION_KEY_PREFIX + environmentId);
}

/** The stored font size, or the default when none (or a bad one) is stored. */
export function savedFontSize(storage: KeyValues): number {
  const stored = Number(storage.getItem(FONT_SIZE_KEY));
  return Number.isInteger(stored) && stored >= FONT_SIZES.min && stored <= FONT_SIZES.max ? stored : FONT_SIZES.default;
}

/** The font size `step` points from `current`, kept within the limits, and stored. */
export function stepFontSize(storage: KeyValues, current: number, step: number): number {
  const next = Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, current + step));
  storage.setItem(FONT_SIZE_KEY, String(next));
  return next;
}

/** 4409: the session's previous connection has not closed at the agent yet (a drop or a reload a moment ago). */
export const ATTACHED_ELSEWHERE = 4409;
/** 4404: the session ended (exit, grace expired) or never existed. */
export const SESSION_GONE = 4404;
/** How often and how long apart a reattach answered with 4409 is tried again. */
export const REATTACH_RETRIES = 10;
export const REATTACH_RETRY_MS = 500;

/**
 * Ends a session whose socket was closed after a `detach` (so it waits detached): reattaches without `detach` and
 * closes, which ends the shell and every process it started. Resolves once the shell is gone (also when it already
 * was: 4404), rejects when it stays attached elsewhere or the connection fails.
 */
export function endDetachedSession(connection: ConnectionOptions, environmentId: string, session: string): Promise<void> {
  const client = new TerminalClient({ ...connection, environmentId, session });
  let retries = 0;
  return new Promise<void>((resolve, reject) => {
    client.onReady(() => {
      client.close();
      resolve();
    });
    client.onState((state) => {
      if (state.kind !== 'closed' || state.reason === 'client closed') return;
      if (state.code === SESSION_GONE) resolve();
      else if (state.code === ATTACHED_ELSEWHERE && retries++ < REATTACH_RETRIES) setTimeout(() => client.reconnectNow(), REATTACH_RETRY_MS);
      else reject(new Error(state.description));
    });
    client.connect();
  });
}
