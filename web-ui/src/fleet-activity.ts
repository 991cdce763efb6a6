import { getActivity, HttpError } from '@envstream/client';
import { linesPerSecond } from './fleet.js';

/** The sparkline's range: the last 30 minutes, a point a minute. */
const RANGE_MINUTES = 30;

/** A held activity is fetched again when shown after this long. */
const STALE_MS = 60_000;

/** Activity requests at once: the gateway allows a user 100 at once and 20 a second, shared with the rest of the UI. */
const CONCURRENT = 3;

/** After a 429 no request for this long. */
const BACKOFF_MS = 5_000;

export interface Sparkline {
  /** Lines per second, a point a minute, oldest first. */
  rates: number[];
  /** Error-looking lines a minute. */
  errors: number[];
}

/**
 * The activity sparklines of the overview: fetched only for the environments asked for (the visible rows), a few
 * requests at a time, held and fetched again when asked for after a minute. A refused or failed fetch is held as
 * "no data" (and retried when stale), never retried in a loop.
 */
export class FleetActivity {
  private readonly held = new Map<string, { at: number; sparkline?: Sparkline }>();
  private readonly queue: string[] = [];
  private readonly inFlight = new Set<string>();
  private pausedUntil = 0;

  /** @param onFetched called with the environment id when its sparkline arrives (to redraw the row if shown) */
  constructor(
    private readonly token: () => string | undefined,
    private readonly baseUrl: string | undefined,
    private readonly onFetched: (environmentId: string) => void,
  ) {}

  /** The sparkline held for the environment (maybe stale), `undefined` when none has arrived. */
  sparkline(environmentId: string): Sparkline | undefined {
    return this.held.get(environmentId)?.sparkline;
  }

  /** Asks for these environments' activity (the rows now shown), in place of what was asked before. */
  want(environmentIds: readonly string[]): void {
    const now = Date.now();
    this.queue.length = 0;
    for (const id of environmentIds) {
      const held = this.held.get(id);
      if (!this.inFlight.has(id) && (!held || now - held.at > STALE_MS)) this.queue.push(id);
    }
    this.pump();
  }

  private pump(): void {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      setTimeout(() => this.pump(), wait);
      return;
    }
    while (this.inFlight.size < CONCURRENT && this.queue.length > 0) void this.fetch(this.queue.shift()!);
  }

  private async fetch(environmentId: string): Promise<void> {
    this.inFlight.add(environmentId);
    try {
      const activity = await getActivity({
        token: this.token() ?? '',
        baseUrl: this.baseUrl,
        environmentId,
        from: new Date(Date.now() - RANGE_MINUTES * 60_000).toISOString(),
        step: '1m',
      });
      const sparkline = { rates: linesPerSecond(activity.buckets, 60), errors: activity.buckets.map((bucket) => bucket.errors) };
      this.held.set(environmentId, { at: Date.now(), sparkline });
    } catch (error) {
      if (error instanceof HttpError && error.status === 429) {
        this.pausedUntil = Date.now() + BACKOFF_MS;
        this.queue.push(environmentId);
      } else {
        this.held.set(environmentId, { at: Date.now() });
      }
    } finally {
      this.inFlight.delete(environmentId);
    }
    this.onFetched(environmentId);
    this.pump();
  }
}
