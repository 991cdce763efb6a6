import { describe, expect, it } from 'vitest';
import { getAlertRules, type AlertRule } from '../src/alert-rules.js';
import { HttpError } from '../src/environments.js';

const rule: AlertRule = {
  id: 1, name: 'errors in checkout', envId: 'checkout', labels: {}, kind: 'LOG_PATTERN', pattern: 'ERROR', metric: null,
  above: null, forDuration: null, event: null, atLeast: 5, window: 'PT1M',
};

describe('alert rules', () => {
  it('are asked for with the bearer token', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const fetch = (async (url: URL, init: RequestInit) => {
      seen.push({ url: url.toString(), authorization: new Headers(init.headers).get('Authorization') });
      return new Response(JSON.stringify([rule]));
    }) as typeof globalThis.fetch;

    const rules = await getAlertRules({ baseUrl: 'http://gateway.test', token: 't0k', fetch });

    expect(seen).toEqual([{ url: 'http://gateway.test/api/v1/alerts/rules', authorization: 'Bearer t0k' }]);
    expect(rules).toEqual([rule]);
  });

  it('throw the status and the gateway reason when refused', async () => {
    const fetch = (async () => new Response(JSON.stringify({ status: 503, message: 'no alerts app is configured (envstream.gateway.alerts.url)' }),
      { status: 503, statusText: 'Service Unavailable' })) as typeof globalThis.fetch;

    const refused = getAlertRules({ baseUrl: 'http://gateway.test', token: 't0k', fetch });

    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ status: 503 });
    await expect(refused).rejects.toThrow('GET /api/v1/alerts/rules: 503 no alerts app is configured (envstream.gateway.alerts.url)');
  });
});
