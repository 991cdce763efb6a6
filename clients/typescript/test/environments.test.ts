import { describe, expect, it } from 'vitest';
import { listEnvironments, mayExec, type Environment } from '../src/environments.js';

const listed: Environment = {
  id: 'web', name: 'web', image: 'demo', hostId: 'host-1', owner: 'alice', team: 'ops',
  status: 'running', exitCode: null, health: null, statusAt: '2026-12-03T10:00:00Z', removed: false,
  permissions: ['read'],
};

describe('environments', () => {
  it('are listed with the bearer token and keep what the caller may do in each', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const fetch = (async (url: URL, init: RequestInit) => {
      seen.push({ url: url.toString(), authorization: new Headers(init.headers).get('Authorization') });
      return new Response(JSON.stringify([listed, { ...listed, id: 'api', permissions: ['read', 'exec'] }]));
    }) as typeof globalThis.fetch;

    const environments = await listEnvironments({ baseUrl: 'http://gateway.test', token: 't0k', fetch });

    expect(seen).toEqual([{ url: 'http://gateway.test/api/v1/environments', authorization: 'Bearer t0k' }]);
    expect(environments.map((environment) => [environment.id, mayExec(environment)])).toEqual([['web', false], ['api', true]]);
  });

  it('may exec only when exec is listed, and not when the gateway does not say', () => {
    expect(mayExec({ permissions: ['read', 'exec'] })).toBe(true);
    expect(mayExec({ permissions: ['read'] })).toBe(false);
    expect(mayExec({} as Environment)).toBe(false);
  });
});
