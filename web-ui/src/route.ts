import { mayExec, type Environment } from '@envstream/client';

/**
 * The UI's address lives in the hash, so the gateway serves one index.html for every view:
 * `#/env/<id>` (logs), `#/env/<id>/terminal`, `#/env/<id>/status`, and a line's permalink
 * `#/env/<id>?line=<cursor>&at=<timestamp>` (logs replayed from that time, the line marked).
 */
export type Tab = 'logs' | 'terminal' | 'status';

/**
 * The tabs the caller may use in the environment, in the order shown: the terminal only with the `exec` permission (an
 * environment not known yet, before the list has answered, shows none; the gateway would refuse it with 4403 anyway).
 */
export function allowedTabs(environment: Pick<Environment, 'permissions'> | undefined): Tab[] {
  return environment && mayExec(environment) ? ['logs', 'terminal', 'status'] : ['logs', 'status'];
}

export interface Route {
  environmentId?: string;
  tab: Tab;
  line?: { cursor: string; timestamp: string };
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [path = '', query = ''] = body.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'env' || !parts[1]) return { tab: 'logs' };
  const tab: Tab = parts[2] === 'terminal' || parts[2] === 'status' ? parts[2] : 'logs';
  const params = new URLSearchParams(query);
  const cursor = params.get('line');
  const timestamp = params.get('at');
  return { environmentId: parts[1], tab, line: cursor && timestamp ? { cursor, timestamp } : undefined };
}

export function formatRoute(route: Route): string {
  if (!route.environmentId) return '#/';
  const tab = route.tab === 'logs' ? '' : `/${route.tab}`;
  const line = route.line ? `?line=${encodeURIComponent(route.line.cursor)}&at=${encodeURIComponent(route.line.timestamp)}` : '';
  return `#/env/${encodeURIComponent(route.environmentId)}${tab}${line}`;
}
