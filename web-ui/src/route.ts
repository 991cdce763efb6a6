/**
 * The UI's address lives in the hash, so the gateway serves one index.html for every view:
 * `#/env/<id>` (logs), `#/env/<id>/terminal`, `#/env/<id>/status`, and a line's permalink
 * `#/env/<id>?line=<cursor>&at=<timestamp>` (logs replayed from that time, the line marked).
 */
export type Tab = 'logs' | 'terminal' | 'status';

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
