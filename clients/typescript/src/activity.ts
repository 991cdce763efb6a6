import { getJson, restBase } from './environments.js';

/** What happened in one step of `GET /api/v1/environments/{id}/activity`. */
export interface ActivityBucket {
  /** RFC 3339 start of the step; it ends at the next bucket's start, or at the range's `to`. */
  start: string;
  lines: { stdout: number; stderr: number };
  /** Lines that look like an error (either stream). */
  errors: number;
  /** Lines that look like a warning. */
  warnings: number;
  /** Times the environment ran again after going down. */
  restarts: number;
}

/** An environment's activity over a range, one bucket per step, oldest first, empty steps included. */
export interface Activity {
  environmentId: string;
  /** The range as served: `from` taken down and `to` up to whole minutes. */
  from: string;
  to: string;
  /** The step as ISO 8601, e.g. `PT15M`. */
  step: string;
  buckets: ActivityBucket[];
}

export interface ActivityOptions {
  baseUrl?: string;
  token: string;
  environmentId: string;
  /** RFC 3339; default an hour before `to`. */
  from?: string;
  /** RFC 3339; default now. */
  to?: string;
  /** Whole minutes from `1m` to `1d` (`15m`, `1h`, `PT15M`); default `1m`; at most 1440 steps in the range. */
  step?: string;
  fetch?: typeof fetch;
}

/**
 * Lines by stream, error- and warning-looking lines and restarts per step, for a caller who may read the
 * environment. A refused range (step or span out of bounds) throws an `HttpError` 400 with the gateway's reason.
 */
export async function getActivity(options: ActivityOptions): Promise<Activity> {
  const url = new URL(`/api/v1/environments/${encodeURIComponent(options.environmentId)}/activity`, restBase(options.baseUrl));
  for (const name of ['from', 'to', 'step'] as const) {
    const value = options[name];
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return getJson<Activity>(url, options.token, options.fetch);
}
