import { describe, expect, it } from 'vitest';
import { fetchSignInConfig, isAuthorizationResponse, renewDelayMs, userManagerSettings } from '../src/oidc.js';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('sign-in config', () => {
  it('is the gateway answer, or none on 404 (standalone signs in its own way)', async () => {
    const config = { issuer: 'http://localhost:9000', clientId: 'envstream-web', scope: 'openid profile' };
    const answer = (status: number, body?: unknown) => async () => new Response(body ? JSON.stringify(body) : null, { status });
    await expect(fetchSignInConfig(answer(200, config) as typeof fetch)).resolves.toEqual(config);
    await expect(fetchSignInConfig(answer(404) as typeof fetch)).resolves.toBeUndefined();
    await expect(fetchSignInConfig(answer(503) as typeof fetch)).rejects.toThrow('503');
  });
});

describe('client settings', () => {
  it('use the code flow on the page itself for sign-in, silent renewal and sign-out, renewing on their own schedule', () => {
    const settings = userManagerSettings({ issuer: 'http://issuer', clientId: 'web', scope: 'openid' }, 'http://ui:8080', memoryStorage());
    expect(settings).toMatchObject({
      authority: 'http://issuer',
      client_id: 'web',
      scope: 'openid',
      response_type: 'code',
      redirect_uri: 'http://ui:8080/',
      silent_redirect_uri: 'http://ui:8080/',
      post_logout_redirect_uri: 'http://ui:8080/',
      automaticSilentRenew: false,
    });
  });
});

describe('authorization response', () => {
  it('is a query with the state and a code or an error', () => {
    expect(isAuthorizationResponse('?code=abc&state=s1')).toBe(true);
    expect(isAuthorizationResponse('?error=login_required&state=s1')).toBe(true);
    expect(isAuthorizationResponse('?code=abc')).toBe(false);
    expect(isAuthorizationResponse('')).toBe(false);
  });
});

describe('renewal', () => {
  it('comes a minute before expiry, half-way for a short token, and never sooner than in 5 s', () => {
    expect(renewDelayMs(300)).toBe(240_000);
    expect(renewDelayMs(120)).toBe(60_000);
    expect(renewDelayMs(90)).toBe(45_000);
    expect(renewDelayMs(4)).toBe(5_000);
  });
});
