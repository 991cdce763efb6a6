// Browser tests of the web UI against a running standalone: Playwright's core drives Debian's chromium (never a
// downloaded browser). Run by e2e's WebUiIntegrationTests, which starts the standalone and the demo containers and
// passes, in the environment:
//   ENVSTREAM_URL        the gateway, e.g. http://127.0.0.1:18080
//   ENVSTREAM_TOKEN      a token that may see the environments
//   ENVSTREAM_STEPS      `functional` (default): sign-in, logs, pause/resume, dropped connection, stderr filter,
//                        terminal, status; `load`: sign-in, then the responsiveness figures under load
//   ENVSTREAM_ENV        functional: an environment printing "web seq=N ..." lines, odd N on stdout, even on stderr;
//                        load: an environment printing ~5k lines/s
//   ENVSTREAM_LOAD_SECONDS  how long to watch the load (default 20)
//   ENVSTREAM_ARTIFACTS  directory for screenshots and results.json
// The page is opened through a TCP proxy (proxy.mjs), so a step can drop every connection at once like a
// network failure would (the browser sees 1006) and watch the UI reconnect and resume.
// Every step runs even when an earlier one failed (where it can); exit status 1 when any failed.
import { mkdir } from 'node:fs/promises';

import { exitByResults, launchChromium, writeResults } from './browser.mjs';
import { assertUnbroken, downloadLines } from './lines.mjs';
import { startProxy } from './proxy.mjs';
import { recordedSteps, required } from './steps.mjs';

const gateway = new URL(required('ENVSTREAM_URL'));
const token = required('ENVSTREAM_TOKEN');
const environment = required('ENVSTREAM_ENV');
const mode = process.env.ENVSTREAM_STEPS ?? 'functional';
const loadSeconds = Number(process.env.ENVSTREAM_LOAD_SECONDS ?? 20);
const artifacts = required('ENVSTREAM_ARTIFACTS');
const STEP_TIMEOUT = 45_000;

let page;
let proxy;
const { results, screenshot, step } = recordedSteps(artifacts, () => page);

const counter = () => page.locator('[data-testid=line-count]');
const number = async (locator, attribute) => Number(await locator.getAttribute(attribute));
const waitFor = (fn, arg, timeout = STEP_TIMEOUT) => page.waitForFunction(fn, arg, { timeout, polling: 100 });

/** The UI's own figures while the environment prints ~5k lines/s: lines held, long tasks, a click's answer. */
async function loadStep() {
  await step(`responsiveness at the load environment's rate for ${loadSeconds} s`, async () => {
    await page.goto(`${proxy.url}/#/env/${encodeURIComponent(environment)}`);
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 1000, undefined, 60_000);
    await page.evaluate(() => (window.__longTasks = []));
    const start = { at: Date.now(), received: await number(counter(), 'data-received') };
    let heldMax = 0;
    while (Date.now() - start.at < loadSeconds * 1000) {
      await page.waitForTimeout(500);
      heldMax = Math.max(heldMax, await number(counter(), 'data-held'));
    }
    const clickStarted = Date.now();
    await page.click('[data-testid=pause]');
    await page.locator('[data-testid=pause]', { hasText: 'Resume' }).waitFor();
    const pauseClickMs = Date.now() - clickStarted;
    const end = { at: Date.now(), received: await number(counter(), 'data-received') };
    const longTasks = await page.evaluate(() => window.__longTasks);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    await screenshot('load');
    results.figures = {
      environment: environment,
      seconds: (end.at - start.at) / 1000,
      linesReceived: end.received - start.received,
      linesPerSecond: (end.received - start.received) / ((end.at - start.at) / 1000),
      heldMax,
      capacity: Number((/max (\d+)/.exec(await counter().textContent()) ?? [])[1]),
      longTaskCount: longTasks.length,
      longTasksOf100msOrMore: longTasks.filter((d) => d >= 100).length,
      longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
      longTaskTotalMs: longTasks.reduce((a, b) => a + b, 0),
      jsHeapBytes: heap,
      pauseClickMs,
    };
    if (heldMax > 50_000) throw new Error(`the UI held ${heldMax} lines (goal <= 50000)`);
    return results.figures;
  });
}

async function main() {
  await mkdir(artifacts, { recursive: true });
  proxy = await startProxy(gateway);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    await context.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__longTasks.push(entry.duration)))
        .observe({ type: 'longtask', buffered: true });
    });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));

    await step('sign in with #token= and list the environments', async () => {
      await page.goto(`${proxy.url}/#token=${token}`);
      await page.locator(`[data-env="${environment}"]`).waitFor();
      if (page.url().includes('token=')) throw new Error(`the token stayed in the address: ${page.url()}`);
      const stored = await page.evaluate(() => localStorage.getItem('envstream.token'));
      if (stored !== token) throw new Error('the token was not stored in localStorage');
      await screenshot('environments');
      return { who: await page.locator('[data-testid=who]').textContent() };
    });

    if (mode === 'load') {
      await loadStep();
      return;
    }

    await step('logs arrive', async () => {
      await page.click(`[data-env="${environment}"] a`);
      await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 30);
      await waitFor(() => document.querySelector('[data-testid=connection-logs]')?.dataset.state === 'open');
      const rows = await page.locator('.log-row').count();
      if (rows === 0) throw new Error('no rows rendered');
      await screenshot('logs');
      return { received: await number(counter(), 'data-received'), rowsInDom: rows };
    });

    await step('pause and resume: the view stands still, new lines are counted, nothing is lost', async () => {
      await page.click('[data-testid=pause]');
      const shown = await number(counter(), 'data-shown');
      await waitFor(() => Number(document.querySelector('[data-testid=pause]')?.dataset.pending) >= 40);
      const label = await page.locator('[data-testid=pause]').textContent();
      if (!/^Resume \(\d+\+? new lines\)$/.test(label ?? '')) throw new Error(`pause button says "${label}"`);
      const stillShown = await number(counter(), 'data-shown');
      if (stillShown !== shown) throw new Error(`the paused view changed from ${shown} to ${stillShown} lines`);
      await screenshot('paused');
      await page.click('[data-testid=pause]');
      await waitFor((before) => Number(document.querySelector('[data-testid=line-count]')?.dataset.shown) >= before + 40, shown);
      return { label, ...assertUnbroken(await downloadLines(page), 'after pause and resume') };
    });

    await step('drop the connection: the UI says so, counts down, reconnects and resumes without loss or repeat', async () => {
      const before = await number(counter(), 'data-received');
      const dropped = proxy.dropAll();
      await waitFor(() => document.querySelector('[data-testid=connection-logs]')?.dataset.state === 'waiting', undefined, 10_000);
      const said = await page.locator('[data-testid=connection-logs]').textContent();
      if (!/connection was lost.*Reconnecting in \d+ s/.test(said ?? '')) throw new Error(`the connection line says "${said}"`);
      await screenshot('connection-lost');
      await waitFor(() => document.querySelector('[data-testid=connection-logs]')?.dataset.state === 'open');
      await waitFor((n) => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= n + 40, before);
      return { droppedConnections: dropped, said, ...assertUnbroken(await downloadLines(page), 'across the dropped connection') };
    });

    await step('filter to stderr: only stderr lines are shown and arrive', async () => {
      await page.selectOption('[data-testid=stream-filter]', 'stderr');
      const before = await number(counter(), 'data-received');
      await waitFor((n) => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= n + 20, before);
      const streams = await page.$$eval('.log-row', (rows) => rows.map((row) => row.dataset.stream));
      if (streams.length === 0 || streams.some((s) => s !== 'stderr')) throw new Error(`rows shown: ${streams.join(',')}`);
      const lines = await downloadLines(page);
      if (lines.some((l) => l.stream !== 'stderr' || l.seq % 2 !== 0)) throw new Error('a stdout line is shown under the stderr filter');
      await screenshot('stderr-only');
      await page.selectOption('[data-testid=stream-filter]', 'all');
      return { rowsShown: streams.length, linesHeldShown: lines.length };
    });

    await step('terminal: echo hi prints hi', async () => {
      await page.click('[data-testid=tab-terminal]');
      await waitFor(() => document.querySelector('[data-testid=connection-terminal]')?.dataset.state === 'open', undefined, 30_000)
        .catch(async (error) => {
          throw new Error(`terminal not connected: "${await page.locator('[data-testid=connection-terminal]').textContent()}" (${error.message.split('\n')[0]})`);
        });
      await page.click('[data-testid=terminal]');
      await page.keyboard.type('echo hi');
      await page.keyboard.press('Enter');
      await waitFor(() => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')].some((row) => row.textContent.trim() === 'hi'), undefined, 20_000);
      await screenshot('terminal');
    });

    await step('status: running badges (panel and list) and a metrics chart that updates', async () => {
      await page.click('[data-testid=tab-status]');
      await waitFor((id) => document.querySelector('[data-testid=status-badge]')?.textContent === 'running'
        && document.querySelector(`[data-env="${id}"] [data-testid=env-status]`)?.textContent === 'running', environment, 30_000)
        .catch(async (error) => {
          throw new Error(`no running status: "${await page.locator('[data-testid=connection-status]').textContent()}" (${error.message.split('\n')[0]})`);
        });
      const panel = page.locator('.status-panel');
      await waitFor(() => Number(document.querySelector('.status-panel')?.dataset.samples) >= 1, undefined, 20_000);
      // the sample count and the picture read in one task, so no sample can arrive between them
      const chart = () => page.evaluate(() => ({
        samples: Number(document.querySelector('.status-panel').dataset.samples),
        picture: document.querySelector('[data-testid=chart-cpu] canvas').toDataURL(),
      }));
      const before = await chart();
      await waitFor((n) => Number(document.querySelector('.status-panel')?.dataset.samples) >= n + 1, before.samples, 20_000);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const after = await chart();
      if (after.picture === before.picture) throw new Error(`the CPU chart did not change from sample ${before.samples} to ${after.samples}`);
      await screenshot('status');
      return { samples: await number(panel, 'data-samples') };
    });

  } finally {
    await browser.close();
    await proxy.close();
    await writeResults(results, artifacts);
  }
  exitByResults(results);
}

await main();
