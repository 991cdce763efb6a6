// Sign-in through an OpenID Connect provider's login page, as a person does it, then the UI at work across a token
// renewal: Playwright's core drives Debian's chromium (never a downloaded browser). Run by e2e's
// OidcSignInIntegrationTests against a standalone and the demo issuer; the same script can be pointed at the compose
// fleet (the load balancer's URL and a demo user), e.g.
//   ENVSTREAM_URL=http://localhost:8080 ENVSTREAM_USER=admin ENVSTREAM_PASSWORD=admin-demo ENVSTREAM_ENV=<id> \
//   ENVSTREAM_ARTIFACTS=/tmp/oidc-run node oidc-sign-in.browser-test.mjs
// Environment:
//   ENVSTREAM_URL        the web UI (a gateway, or the load balancer in front of them)
//   ENVSTREAM_USER, ENVSTREAM_PASSWORD   who signs in on the provider's login form (username/password fields)
//   ENVSTREAM_ENV        an environment the user may exec in, printing "PREFIX seq=N ..." lines on stdout
//   ENVSTREAM_ARTIFACTS  directory for screenshots and results.json
// The renewal step waits until the first access token has expired (its `exp`, read from the UI's session storage),
// so a provider with 5-minute tokens makes it last 5 minutes; the tests give the issuer a short lifetime.
// Every step runs even when an earlier one failed (where it can); exit status 1 when any failed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { recordedSteps, required } from './steps.mjs';

const ui = new URL(required('ENVSTREAM_URL'));
const user = required('ENVSTREAM_USER');
const password = required('ENVSTREAM_PASSWORD');
const environment = required('ENVSTREAM_ENV');
const artifacts = required('ENVSTREAM_ARTIFACTS');
const STEP_TIMEOUT = 60_000;

let page;
const { results, screenshot, step } = recordedSteps(artifacts, () => page);
results.figures = {};

const waitFor = (fn, arg, timeout = STEP_TIMEOUT) => page.waitForFunction(fn, arg, { timeout, polling: 200 });

/** The signed-in user oidc-client-ts keeps in session storage: its access token and `expires_at` (seconds). */
const storedUser = () => page.evaluate(() => {
  const key = Object.keys(sessionStorage).find((each) => each.startsWith('oidc.user:'));
  return key ? JSON.parse(sessionStorage.getItem(key)) : undefined;
});

const lineCount = async () => Number(await page.locator('[data-testid=line-count]').getAttribute('data-received'));

/** The demo's line numbers of the held lines, as the UI's download gives them. */
async function downloadedSeqs() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
  const text = await readFile(await download.path(), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => Number(/ seq=(\d+)/.exec(line)?.[1])).filter((n) => !Number.isNaN(n));
}

await mkdir(artifacts, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && console.log(`browser console: ${message.text()}`));
  // every logs socket the page opens, with the token it carries (?token=)
  const logSockets = [];
  page.on('websocket', (socket) => {
    const url = new URL(socket.url());
    if (url.pathname.endsWith('/logs')) logSockets.push({ token: url.searchParams.get('token'), at: Date.now() });
  });

  await step('sign in on the provider login page', async () => {
    await page.goto(`${ui.origin}/#/env/${encodeURIComponent(environment)}`);
    await page.click('[data-testid=signin-button]', { timeout: STEP_TIMEOUT });
    await page.waitForSelector('input[name=username]', { timeout: STEP_TIMEOUT });
    const provider = new URL(page.url()).origin;
    await screenshot('provider-login');
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForURL((url) => url.origin === ui.origin, { timeout: STEP_TIMEOUT }), page.press('input[name=password]', 'Enter')]);
    await waitFor((name) => document.querySelector('[data-testid=who]')?.textContent.includes(`signed in as ${name}`), user);
    if (!page.url().includes(`#/env/${encodeURIComponent(environment)}`)) throw new Error(`not back on the route: ${page.url()}`);
    if (new URL(page.url()).search) throw new Error(`the code stayed in the address: ${page.url()}`);
    return { provider };
  });

  await step('the environment list shows the environment', async () => {
    await waitFor((id) => [...document.querySelectorAll('[data-testid=environments] li')].some((li) => li.dataset.env === id), environment);
    await screenshot('environments');
  });

  await step('logs arrive', async () => {
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received ?? 0) > 0);
    return { held: await lineCount() };
  });

  await step('terminal: echo hi prints hi', async () => {
    await page.click('[data-testid=tab-terminal]');
    await waitFor(() => document.querySelector('[data-testid=connection-terminal]')?.dataset.state === 'open');
    await page.click('[data-testid=terminal]');
    await page.keyboard.type('echo hi');
    await page.keyboard.press('Enter');
    await waitFor(() => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')].some((row) => row.textContent.trim() === 'hi'));
    await screenshot('terminal');
    await page.click('[data-testid=tab-logs]');
  });

  await step('the token is renewed before it expires and the logs keep flowing past its expiry, no gap', async () => {
    const first = await storedUser();
    if (!first?.access_token || !first.expires_at) throw new Error('no signed-in user in session storage');
    const expiresAt = first.expires_at * 1000;
    const wait = Math.max(0, expiresAt - Date.now()) + 30_000;
    await waitFor((old) => {
      const key = Object.keys(sessionStorage).find((each) => each.startsWith('oidc.user:'));
      const current = key && JSON.parse(sessionStorage.getItem(key));
      return current && current.access_token !== old;
    }, first.access_token, wait);
    const renewedAt = Date.now();
    if (renewedAt >= expiresAt) throw new Error(`renewed ${renewedAt - expiresAt} ms after the old token expired`);
    // the gateway closes every socket at the old token's exp (4401); the UI reconnects them with the new token
    await page.waitForTimeout(Math.max(0, expiresAt - Date.now()) + 5_000);
    const heldAfterExpiry = await lineCount();
    await waitFor((held) => Number(document.querySelector('[data-testid=line-count]')?.dataset.received ?? 0) > held + 10, heldAfterExpiry);
    await waitFor(() => document.querySelector('[data-testid=connection-logs]')?.dataset.state === 'open');
    const reconnected = logSockets.filter((socket) => socket.at >= renewedAt && socket.token !== first.access_token);
    if (reconnected.length === 0) throw new Error(`no logs socket opened with the new token (${logSockets.length} in all)`);
    const seqs = await downloadedSeqs();
    const sorted = [...seqs].sort((a, b) => a - b);
    const duplicates = sorted.filter((n, i) => i > 0 && n === sorted[i - 1]).length;
    const gaps = sorted.filter((n, i) => i > 0 && n > sorted[i - 1] + 1).length;
    if (duplicates || gaps) throw new Error(`lines ${sorted[0]}..${sorted.at(-1)}: ${gaps} gaps, ${duplicates} repeated`);
    const second = await storedUser();
    results.figures = { renewedSecondsBeforeExpiry: Math.round((expiresAt - renewedAt) / 1000), lines: seqs.length,
      logSocketsOpened: logSockets.length, reconnectedSecondsAfterExpiry: Math.round((reconnected[0].at - expiresAt) / 1000) };
    await screenshot('after-renewal');
    return { ...results.figures, newExpiresAt: new Date(second.expires_at * 1000).toISOString() };
  });

  await step('sign out ends the session', async () => {
    await Promise.all([page.waitForURL((url) => url.origin === ui.origin, { timeout: STEP_TIMEOUT }), page.click('[data-testid=signout]')]);
    await page.waitForSelector('[data-testid=signin-button]', { timeout: STEP_TIMEOUT });
    if (await storedUser()) throw new Error('the user is still in session storage');
  });
} finally {
  await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
  await browser.close();
}
process.exit(results.steps.every((each) => each.ok) ? 0 : 1);
