import { describe, expect, it } from 'vitest';
import { getActivity, type Activity } from '../src/activity.js';
import { HttpError } from '../src/environments.js';

const answered: Activity = {
  environmentId: 'web', from: '2026-12-03T10:00:00Z', to: '2026-12-03T10:30:00Z', step: 'PT15M',
  buckets: [
    { start: '2026-12-03T10:00:00Z', lines: { stdout: 8, stderr: 4 }, errors: 1, warnings: 2, restarts: 1 },
    { start: '2026-12-03T10:15:00Z', lines: { stdout: 0, stderr: 0 }, errors: 0, warnings: 0, restarts: 1 },
  ],
};

describe('activity', () => {
  it('is asked for with the range, the step and the bearer token', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const fetch = (async (url: URL, init: RequestInit) => {
      seen.push({ url: url.toString(), authorization: new Headers(init.headers).get('Authorization') });
      return new Response(JSON.stringify(answered));
    }) as typeof globalThis.fetch;

    const activity = await getActivity({ baseUrl: 'http://gateway.test', token: 't0k', environmentId: 'web 1',
      from: '2026-12-03T10:00:00Z', to: '2026-12-03T10:30:00Z', step: '15m', fetch });

    expect(seen).toEqual([{
      url: 'http://gateway.test/api/v1/environments/web%201/activity?from=2026-12-03T10%3A00%3A00Z&to=2026-12-03T10%3A30%3A00Z&step=15m',
      authorization: 'Bearer t0k',
    }]);
    expect(activity.buckets.map((bucket) => bucket.lines.stdout + bucket.lines.stderr)).toEqual([12, 0]);
  });

  it('leaves out what is not given, so the gateway applies its defaults', async () => {
    let asked = '';
    const fetch = (async (url: URL) => {
      asked = url.toString();
      return new Response(JSON.stringify(answered));
    }) as typeof globalThis.fetch;

    await getActivity({ baseUrl: 'http://gateway.test', token: 't0k', environmentId: 'web', fetch });

    expect(asked).toBe('http://gateway.test/api/v1/environments/web/activity');
  });

  it('throws the gateway reason of a refused range', async () => {
    const fetch = (async () => new Response(JSON.stringify({ status: 400, message: 'step must be a whole number of minutes from 1m to 1d' }),
      { status: 400, statusText: 'Bad Request' })) as typeof globalThis.fetch;

    const refused = getActivity({ baseUrl: 'http://gateway.test', token: 't0k', environmentId: 'web', step: '30s', fetch });

    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toThrow('400 step must be a whole number of minutes from 1m to 1d');
  });
});
