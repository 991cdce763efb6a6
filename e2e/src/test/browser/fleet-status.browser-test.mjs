// Browser tests of the fleet overview, the status charts' history and the alerts bell, at desktop size and at a phone's
// 390 px, against a running standalone: Playwright's core drives Debian's chromium (never a downloaded browser). Run by
// e2e's FleetStatusIntegrationTests, which registers the fleet and starts the demo container, and passes:
//   ENVSTREAM_URL         the gateway, e.g. http://127.0.0.1:18080
//   ENVSTREAM_TOKEN       an admin token (sees every environment)
//   ENVSTREAM_FLEET_SIZE  how many environments named fleet-NNNN-… were registered (e.g. 500)
//   ENVSTREAM_ENV         a running demo environment (status charts, sparkline with activity)
//   ENVSTREAM_ARTIFACTS   directory for screenshots and results.json
// Every step runs even when an earlier one failed; exit status 1 when any failed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { recordedSteps, required } from './steps.mjs';

const gateway = required('ENVSTREAM_URL');
const token = required('ENVSTREAM_TOKEN');
const fleetSize = Number(required('ENVSTREAM_FLEET_SIZE'));
const environment = required('ENVSTREAM_ENV');
const artifacts = required('ENVSTREAM_ARTIFACTS');
const STEP_TIMEOUT = 60_000;

let page;
const { results, screenshot, step } = recordedSteps(artifacts, () => page);
const waitFor = (fn, arg, timeout = STEP_TIMEOUT) => page.waitForFunction(fn, arg, { timeout, polling: 100 });
const shownCount = () => page.evaluate(() => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]));
const activeRow = () => page.evaluate(() => {
  const list = document.querySelector('[data-testid=fleet-list]');
  return document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.dataset.env;
});
const activityRequests = [];

async function fleetSteps() {
  await step(`the overview lists the ${fleetSize} environments, grouped by host, and draws only the visible rows`, async () => {
    await page.goto(`${gateway}/#token=${token}`);
    await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) >= n, fleetSize);
    const rowsInDom = await page.locator('.fleet-row').count();
    if (rowsInDom === 0 || rowsInDom > 60) throw new Error(`${rowsInDom} rows in the DOM for ${await shownCount()} environments`);
    const groups = await page.locator('.fleet-group').allTextContents();
    if (!groups.some((group) => group.startsWith('fleet-host-'))) throw new Error(`groups shown: ${groups.join(', ')}`);
    const counts = await page.locator('[data-testid=fleet-counts] .badge').allTextContents();
    if (counts.length === 0) throw new Error('no counts by status');
    await waitFor(() => document.querySelectorAll('.fleet-row svg.fleet-spark').length > 0);
    await screenshot('fleet-overview');
    return { shown: await shownCount(), rowsInDom, counts };
  });

  await step('scrolling through the whole list keeps the DOM small and asks activity only for rows shown', async () => {
    await page.evaluate(() => (window.__longTasks = []));
    const requestsBefore = activityRequests.length;
    const most = await page.evaluate(async () => {
      const list = document.querySelector('[data-testid=fleet-list]');
      let most = 0;
      for (let top = 0; top <= list.scrollHeight; top += list.clientHeight) {
        list.scrollTop = top;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        most = Math.max(most, document.querySelectorAll('.fleet-row').length);
      }
      return most;
    });
    if (most > 60) throw new Error(`${most} rows in the DOM while scrolling`);
    // a fast scroll asks for nothing until it settles: then for the rows at the end only
    await page.waitForTimeout(1500);
    const asked = activityRequests.length - requestsBefore;
    if (asked > 60) throw new Error(`${asked} activity requests for one pass of scrolling`);
    const longTasks = await page.evaluate(() => window.__longTasks);
    results.figures = { ...results.figures, scrollLongTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0, scrollLongTasks: longTasks.length };
    return { mostRowsInDom: most, activityRequests: asked };
  });

  await step('"/" searches: the fuzzy search narrows the list, the best match first, Enter opens it', async () => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('/');
    const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
    if (focused !== 'fleet-search') throw new Error(`"/" focused ${focused}`);
    await page.keyboard.type('fleet 0042');
    await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) < n, fleetSize);
    const shown = await shownCount();
    const first = await page.locator('.fleet-row').first().getAttribute('data-env');
    if (!first?.startsWith('fleet-0042-')) throw new Error(`the first match is ${first}`);
    await screenshot('fleet-search');
    await page.keyboard.press('Enter');
    await waitFor(() => location.hash.startsWith('#/env/fleet-0042-'));
    return { shown, first };
  });

  await step('keyboard: arrows move through the rows, Enter opens the one chosen', async () => {
    await page.goto(`${gateway}/#/`);
    await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) >= n, fleetSize);
    await page.keyboard.press('/');
    await page.keyboard.type('fleet-01');
    await page.keyboard.press('ArrowDown');
    const firstActive = await activeRow();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await activeRow();
    if (!chosen || chosen === firstActive) throw new Error(`the arrows left the active row at ${chosen}`);
    await screenshot('fleet-keyboard');
    await page.keyboard.press('Enter');
    await waitFor((id) => decodeURIComponent(location.hash) === `#/env/${id}`, chosen);
    await page.locator('[data-testid=env-title]', { hasText: chosen }).waitFor();
    return { firstActive, chosen };
  });

  await step('group by team and by a label', async () => {
    await page.goto(`${gateway}/#/`);
    await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) >= n, fleetSize);
    await page.selectOption('[data-testid=fleet-group]', 'team');
    await waitFor(() => [...document.querySelectorAll('.fleet-group')].some((group) => group.textContent.startsWith('fleet-team-')));
    await page.selectOption('[data-testid=fleet-group]', 'label:tier');
    await waitFor(() => [...document.querySelectorAll('.fleet-group')].some((group) => /^(front|back)/.test(group.textContent)));
    return { groups: await page.locator('.fleet-group').allTextContents() };
  });

  await step('the running demo environment shows its activity in the sparkline', async () => {
    await page.fill('[data-testid=fleet-search]', environment);
    await waitFor((id) => {
      const row = document.querySelector(`.fleet-row[data-env="${id}"]`);
      const points = row?.querySelector('.fleet-spark-lines')?.getAttribute('points') ?? '';
      return new Set(points.split(' ').map((point) => point.split(',')[1])).size > 1;
    }, environment, 120_000);
    await screenshot('fleet-sparkline');
    return { label: await page.locator(`.fleet-row[data-env="${environment}"] svg`).getAttribute('aria-label') };
  });
}

async function main() {
  await mkdir(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__longTasks.push(entry.duration)))
        .observe({ type: 'longtask', buffered: true });
    });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    page.on('request', (request) => request.url().includes('/activity') && activityRequests.push(request.url()));
    await fleetSteps();
  } finally {
    await browser.close();
    await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
  }
  const failed = results.steps.filter((s) => !s.ok);
  console.log(`${results.steps.length - failed.length} of ${results.steps.length} browser checks passed`);
  process.exit(failed.length === 0 ? 0 : 1);
}

await main();
