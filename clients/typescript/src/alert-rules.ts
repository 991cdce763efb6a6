import { getJson, restBase } from './environments.js';

/**
 * An alert rule as the alerts app lists it, read through the gateway's admin-only `GET /api/v1/alerts/rules`. A rule
 * watches one environment (`envId`) or every environment carrying all of `labels`; fields its kind does not use are
 * null. Durations are ISO 8601 (`PT1M`).
 */
export interface AlertRule {
  id: number;
  name: string;
  envId: string | null;
  labels: Record<string, string>;
  kind: 'LOG_PATTERN' | 'METRIC_THRESHOLD' | 'LIFECYCLE';
  /** LOG_PATTERN: the lines counted (RE2). */
  pattern: string | null;
  /** METRIC_THRESHOLD: the metric compared with `above`. */
  metric: 'CPU_PERCENT' | 'MEMORY_BYTES' | 'MEMORY_PERCENT' | 'PIDS' | null;
  above: number | null;
  /** METRIC_THRESHOLD: how long the metric must stay above `above`. */
  forDuration: string | null;
  event: 'EXITED_NON_ZERO' | 'UNHEALTHY' | 'RESTARTING' | null;
  /** LOG_PATTERN and LIFECYCLE RESTARTING: how many within `window`. */
  atLeast: number | null;
  window: string | null;
}

/**
 * The alert rules, for an admin (others get an `HttpError` 403); 503 when the gateway has no alerts app configured or
 * it is down, with the gateway's reason in the message.
 */
export async function getAlertRules(options: { baseUrl?: string; token: string; fetch?: typeof fetch }): Promise<AlertRule[]> {
  return getJson<AlertRule[]>(new URL('/api/v1/alerts/rules', restBase(options.baseUrl)), options.token, options.fetch);
}
