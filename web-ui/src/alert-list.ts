import type { Alert } from '@envstream/client';

/**
 * The alerts shown in a status panel: newest first, at most `capacity`, each firing once. The same firing always has
 * the same id, so a repeat (e.g. the alerts app retrying) replaces nothing and is not shown twice.
 */
export class AlertList {
  private readonly alerts: Alert[] = [];

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, was ${capacity}`);
  }

  /** Adds a firing; @returns whether it is new (a repeat of a held id is dropped). */
  add(alert: Alert): boolean {
    if (this.alerts.some((held) => held.id === alert.id)) return false;
    this.alerts.unshift(alert);
    if (this.alerts.length > this.capacity) this.alerts.pop();
    return true;
  }

  /** The held alerts, newest first. */
  get shown(): readonly Alert[] {
    return this.alerts;
  }
}

/** How a firing reads in the panel: "LOG_PATTERN" → "log pattern". */
export function kindLabel(kind: Alert['kind']): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}
