import type { ActivityBucket, Environment } from '@envstream/client';
import { fuzzyMatch } from './fuzzy.js';

/** What the overview groups by: a field of the list, or a label (`label:<key>`). */
export type Grouping = 'host' | 'team' | 'status' | `label:${string}`;

/** A row of the overview: a group's heading, or an environment in it. */
export type FleetRow =
  | { kind: 'group'; name: string; count: number }
  | { kind: 'environment'; environment: Environment };

/** The status as the overview shows and counts it: removed first, then the listed state, else "unknown". */
export function statusOf(environment: Environment): string {
  return environment.removed ? 'removed' : (environment.status ?? 'unknown');
}

/** The label keys seen in the list, sorted, for the "group by" choice. */
export function labelKeys(environments: readonly Environment[]): string[] {
  const keys = new Set<string>();
  for (const environment of environments) Object.keys(environment.labels ?? {}).forEach((key) => keys.add(key));
  return [...keys].sort();
}

function groupOf(environment: Environment, grouping: Grouping): string {
  if (grouping === 'host') return environment.hostId ?? '(no host)';
  if (grouping === 'team') return environment.team ?? '(no team)';
  if (grouping === 'status') return statusOf(environment);
  const key = grouping.slice('label:'.length);
  return environment.labels?.[key] ?? `(no ${key})`;
}

/** What a search looks at: name, id, image, host, team, and each label as `key=value`. */
function searchFields(environment: Environment): string[] {
  const labels = Object.entries(environment.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return [environment.id, environment.name ?? '', environment.image ?? '', environment.hostId ?? '', environment.team ?? '', ...labels];
}

/**
 * The rows the overview shows: the environments the query matches, in groups, best matches first (the group with the
 * best match first, and in each group its best); by name and id when the query is empty. Removed environments only
 * when `showRemoved`.
 */
export function fleetRows(environments: readonly Environment[], query: string, grouping: Grouping, showRemoved = false): FleetRow[] {
  const groups = new Map<string, Array<{ environment: Environment; score: number }>>();
  for (const environment of environments) {
    if (environment.removed && !showRemoved) continue;
    const score = fuzzyMatch(query, searchFields(environment));
    if (score === undefined) continue;
    const name = groupOf(environment, grouping);
    let members = groups.get(name);
    if (!members) groups.set(name, (members = []));
    members.push({ environment, score });
  }
  for (const members of groups.values()) members.sort((a, b) => b.score - a.score || a.environment.id.localeCompare(b.environment.id));
  const best = (name: string) => groups.get(name)![0]!.score;
  const rows: FleetRow[] = [];
  for (const name of [...groups.keys()].sort((a, b) => best(b) - best(a) || a.localeCompare(b))) {
    const members = groups.get(name)!;
    rows.push({ kind: 'group', name, count: members.length });
    members.forEach(({ environment }) => rows.push({ kind: 'environment', environment }));
  }
  return rows;
}

/** How many of the rows' environments are in each status, most common first. */
export function statusCounts(rows: readonly FleetRow[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.kind === 'environment') counts.set(statusOf(row.environment), (counts.get(statusOf(row.environment)) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The points of a sparkline `width` × `height` (SVG `points`, y down) of `values`, scaled to their maximum (a flat
 * line at the bottom when all are zero).
 */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 0);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const y = max > 0 ? height - (value / max) * (height - 1) : height;
      return `${(index * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** Lines per second of each activity step (both streams), from the step's length in seconds. */
export function linesPerSecond(buckets: readonly ActivityBucket[], stepSeconds: number): number[] {
  return buckets.map((bucket) => (bucket.lines.stdout + bucket.lines.stderr) / stepSeconds);
}
