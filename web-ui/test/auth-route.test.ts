import { describe, expect, it } from 'vitest';
import { describeToken, loadToken, saveToken, takeTokenFromHash, TOKEN_KEY } from '../src/auth.js';
import { allowedTabs, formatRoute, parseRoute } from '../src/route.js';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

describe('token', () => {
  it('is taken out of #token= and out of a routed hash', () => {
    expect(takeTokenFromHash('#token=abc')).toEqual({ token: 'abc', hash: '' });
    expect(takeTokenFromHash('#/env/web?token=abc&line=c1&at=t')).toEqual({ token: 'abc', hash: '#/env/web?line=c1&at=t' });
    expect(takeTokenFromHash('#/env/web')).toEqual({ token: undefined, hash: '#/env/web' });
  });

  it('is stored under envstream.token without a Bearer prefix; an empty one removes it', () => {
    const store = memory();
    saveToken(store, ' Bearer xyz ');
    expect(store.items.get(TOKEN_KEY)).toBe('xyz');
    expect(loadToken(store)).toBe('xyz');
    saveToken(store, '');
    expect(loadToken(store)).toBeUndefined();
  });

  it('shows its user and expiry', () => {
    const payload = btoa(JSON.stringify({ sub: 'alice', exp: 2000000000 })).replace(/=+$/, '');
    expect(describeToken(`h.${payload}.s`)).toEqual({ user: 'alice', expiresAt: new Date(2000000000 * 1000) });
    expect(describeToken('garbage')).toEqual({});
  });
});

describe('route', () => {
  it('round-trips environment, tab and permalink', () => {
    const route = { environmentId: 'demo web', tab: 'logs' as const, line: { cursor: 'djE6MzowOjA', timestamp: '2025-10-01T12:00:00.123Z' } };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/env/demo-web/terminal')).toEqual({ environmentId: 'demo-web', tab: 'terminal', line: undefined });
    expect(parseRoute('#/')).toEqual({ tab: 'logs' });
  });
});

describe('tabs', () => {
  it('show the terminal only with the exec permission', () => {
    expect(allowedTabs({ permissions: ['read', 'exec'] })).toEqual(['logs', 'terminal', 'status']);
    expect(allowedTabs({ permissions: ['read'] })).toEqual(['logs', 'status']);
  });

  it('hide the terminal while the environment is not listed', () => {
    expect(allowedTabs(undefined)).toEqual(['logs', 'status']);
  });
});
