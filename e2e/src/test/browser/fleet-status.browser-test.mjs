// Browser tests of the fleet overview, the status charts' history and the alerts bell, at desktop size and at a phone's
// 390 px, against a running standalone: Playwright's core drives Debian's chromium (never a downloaded browser). Run by
// e2e's FleetStatusIntegrationTests, which registers the fleet and starts the demo container, and passes:
//   ENVSTREAM_URL         the gateway, e.g. http://127.0.0.1:18080
//   ENVSTREAM_TOKEN       an admin token (sees every environment)
//   ENVSTREAM_FLEET_SIZE  how many environments named fleet-NNNN-… were registered (e.g. 500)
//   ENVSTREAM_ENV         a running demo environment (status charts, sparkline with activity)
//   ENVSTREAM_CONTAINER   its container id: the script restarts it (`docker restart`) to see the restart marked
//   ENVSTREAM_ALERTED     an environment with a live badge for which alerts of rule 7 are being written to envstream.alerts
//   ENVSTREAM_USER_TOKEN  a token of a user who is not an admin (no link to the alert rules, the page refused)
//   The gateway's alerts app (envstream.gateway.alerts.url) lists rule 7 ("errors in the front tier") among others.
//   ENVSTREAM_ARTIFACTS   directory for screenshots and results.json
// Every step runs even when an earlier one failed; exit status 1 when any failed.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { recordedSteps, required } from './steps.mjs';

const gateway = required('ENVSTREAM_URL');
const token = required('ENVSTREAM_TOKEN');
const fleetSize = Number(required('ENVSTREAM_FLEET_SIZE'));
const environment = required('ENVSTREAM_ENV');
const container = required('ENVSTREAM_CONTAINER');
const alerted = required('ENVSTREAM_ALERTED');
const userToken = required('ENVSTREAM_USER_TOKEN');
const artifacts = required('ENVSTREAM_ARTIFACTS');
const STEP_TIMEOUT = 60_000;

let page;
const { results, screenshot, step } = recordedSteps(artifacts, () => page);
const waitFor = (fn, arg, timeout = STEP_TIMEOUT) => page.waitForFunction(fn, arg, { timeout, polling: 100 });
const focusedTestId = () => page.evaluate(() => document.activeElement?.dataset.testid);
const shownCount = () => page.evaluate(() => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]));
// the list draws (and sets aria-activedescendant) in an animation frame: read it after the next two
const activeRow = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const list = document.querySelector('[data-testid=fleet-list]');
  resolve(document.getElementById(list.getAttribute('aria-activedescendant') ?? '')?.dataset.fleetEnv);
}))));
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
    // asking for every row would be 500; a slow machine may let scrolling pause (and ask) a few times on the way
    if (asked > 100) throw new Error(`${asked} activity requests for one pass of scrolling`);
    const longTasks = await page.evaluate(() => window.__longTasks);
    results.figures = { ...results.figures, scrollLongTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0, scrollLongTasks: longTasks.length };
    return { mostRowsInDom: most, activityRequests: asked };
  });

  await step('"/" searches: the fuzzy search narrows the list, the best match first, Enter opens it', async () => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('/');
    const focused = await focusedTestId();
    if (focused !== 'fleet-search') throw new Error(`"/" focused ${focused}`);
    await page.keyboard.type('fleet 0042');
    await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) < n, fleetSize);
    const shown = await shownCount();
    const first = await page.locator('.fleet-row').first().getAttribute('data-fleet-env');
    if (!first?.startsWith('fleet-0042-')) throw new Error(`the first match is ${first}`);
    // none active is right too: Enter then opens the first row
    const active = await activeRow();
    if (active && active !== first) throw new Error(`the search made ${active} the active row, not its best match ${first}`);
    await screenshot('fleet-search');
    const focusedBeforeEnter = await focusedTestId();
    if (focusedBeforeEnter !== 'fleet-search') throw new Error(`before Enter the focus moved to ${focusedBeforeEnter}`);
    await page.keyboard.press('Enter');
    await waitFor(() => location.hash.startsWith('#/env/fleet-0042-'));
    return { shown, first };
  });

  // back on the overview the search still holds what was typed: "/" selects it, so typing replaces it
  await step('keyboard: arrows move through the rows, Enter opens the one chosen', async () => {
    await page.goto(`${gateway}/#/`);
    await page.locator('[data-testid=fleet-search]').waitFor();
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
    await page.fill('[data-testid=fleet-search]', '');
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
      const row = document.querySelector(`.fleet-row[data-fleet-env="${id}"]`);
      const points = row?.querySelector('.fleet-spark-lines')?.getAttribute('points') ?? '';
      return new Set(points.split(' ').map((point) => point.split(',')[1])).size > 1;
    }, environment, 120_000);
    await screenshot('fleet-sparkline');
    return { label: await page.locator(`.fleet-row[data-fleet-env="${environment}"] svg`).getAttribute('aria-label') };
  });
}

/** Runs `docker` with these arguments; rejects with its error output. */
const docker = (...args) => new Promise((resolve, reject) =>
  execFile('docker', args, { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`docker ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout))));

/** WCAG contrast ratio of two `rgb(a)` colours. */
function contrastScript() {
  return () => {
    const parse = (colour) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element) => {
      for (let at = element; at; at = at.parentElement) {
        const colour = parse(getComputedStyle(at).backgroundColor);
        if (colour.length >= 3 && (colour[3] ?? 1) > 0.5) return colour;
      }
      return parse(getComputedStyle(document.body).backgroundColor);
    };
    const failures = [];
    let checked = 0;
    for (const element of document.querySelectorAll('body *')) {
      const own = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
      const box = element.getBoundingClientRect();
      if (!own || box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      const [a, b] = [luminance(parse(getComputedStyle(element).color)), luminance(background(element))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      checked++;
      if (ratio < 4.5) failures.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
    }
    return { checked, failures: [...new Set(failures)] };
  };
}

async function expectContrast(where) {
  const { checked, failures } = await page.evaluate(contrastScript());
  if (failures.length > 0) throw new Error(`${where}: ${failures.length} texts under AA (4.5:1): ${failures.slice(0, 5).join('; ')}`);
  return checked;
}

async function statusSteps() {
  await step('the status charts open with the samples from before the page opened, in the dark theme', async () => {
    // history needs time to exist: the container must have run long enough for 3 samples (every 5 s) and a first one
    // 10 s before the page opens (a quick run of the steps above reached here 20 s after the container started)
    const started = Date.parse((await docker('inspect', '-f', '{{.State.StartedAt}}', container)).trim());
    await page.waitForTimeout(Math.max(0, started + 25_000 - Date.now()));
    const opened = Date.now();
    await page.goto(`${gateway}/#/env/${encodeURIComponent(environment)}/status`);
    await waitFor(() => Number(document.querySelector('.status-panel')?.dataset.samples) >= 1);
    const first = Date.parse(await page.locator('.status-panel').getAttribute('data-first-sample'));
    const samples = Number(await page.locator('.status-panel').getAttribute('data-samples'));
    if (!(first < opened - 10_000)) throw new Error(`the first sample (${new Date(first).toISOString()}) is not from before the page opened`);
    if (samples < 3) throw new Error(`only ${samples} samples at the start`);
    const backgrounds = await page.$$eval('.chart', (charts) => charts.map((chart) => getComputedStyle(chart).backgroundColor));
    if (backgrounds.some((colour) => colour === 'rgb(255, 255, 255)')) throw new Error(`white chart panels: ${backgrounds.join(', ')}`);
    await screenshot('status-history');
    return { samples, firstSampleSecondsBeforeOpening: Math.round((opened - first) / 1000), contrastChecked: await expectContrast('status page') };
  });

  await step('a restart of the container is marked on the time axis and listed in words', async () => {
    const before = await page.locator('[data-testid=status-events] li').count();
    await docker('restart', '-t', '1', container);
    await waitFor((n) => {
      const states = [...document.querySelectorAll('[data-testid=status-events] li')].slice(n).map((li) => li.dataset.status);
      return states.some((state) => state !== 'running') && states.at(-1) === 'running';
    }, before, 90_000);
    await waitFor(() => document.querySelector('[data-testid=status-badge]')?.textContent === 'running');
    const events = await page.locator('[data-testid=status-events] li').allTextContents();
    await screenshot('status-restart-marked');
    return { events };
  });

  await step('a status page opened after the restart marks it too, from the activity', async () => {
    // the persister counts the restart from envstream.status: a page opened before it has counted it shows none yet
    const deadline = Date.now() + 90_000;
    let marked = 0;
    let opened = 0;
    while (marked === 0 && Date.now() < deadline) {
      await page.goto(`${gateway}/#/`);
      await page.goto(`${gateway}/#/env/${encodeURIComponent(environment)}/status`);
      await page.reload();
      opened++;
      await waitFor(() => document.querySelector('.status-panel')?.dataset.restartsBefore !== undefined
        || document.querySelector('[data-testid=status-history-error]'));
      const error = await page.locator('[data-testid=status-history-error]').count();
      if (error > 0) throw new Error(await page.locator('[data-testid=status-history-error]').textContent());
      marked = Number(await page.locator('.status-panel').getAttribute('data-restarts-before'));
      if (marked === 0) await page.waitForTimeout(2000);
    }
    if (marked === 0) throw new Error(`no restart marked after opening the page ${opened} times in 90 s`);
    const restarted = await page.locator('[data-testid=status-events] li[data-source=activity]').allTextContents();
    if (!restarted.some((text) => /restarted/.test(text))) throw new Error(`the state changes listed: ${restarted.join('; ')}`);
    await screenshot('status-restart-before-opening');
    return { opened, restarted };
  });
}

async function alertRulesSteps(browser) {
  await step('an admin opens the alert rules from the bell: condition, window, threshold, and rule 7 firing', async () => {
    await page.goto(`${gateway}/#/`);
    await page.locator('[data-testid=bell]').click();
    await page.locator('[data-testid=alert-rules-link]').click();
    await waitFor(() => location.hash === '#/alerts/rules');
    await page.locator('[data-testid=alert-rule]').first().waitFor();
    // the page's alerts are those since it opened: rule 7 fires every 3 s
    await waitFor(() => document.querySelector('[data-testid=alert-rule][data-rule-id="7"]')?.dataset.firing === 'true', undefined, 60_000);
    const rows = await page.$$eval('[data-testid=alert-rule]', (trs) => trs.map((tr) => ({
      id: tr.dataset.ruleId, firing: tr.dataset.firing, cells: [...tr.children].map((cell) => cell.textContent),
    })));
    const rule7 = rows.find((row) => row.id === '7');
    const expected = ['errors in the front tier', 'tier=front', 'lines matching ERROR', '1 min', '≥ 1'];
    if (JSON.stringify(rule7.cells.slice(0, 5)) !== JSON.stringify(expected)) throw new Error(`rule 7 reads ${JSON.stringify(rule7.cells)}`);
    if (!rule7.cells[5].includes(alerted)) throw new Error(`rule 7's state: ${rule7.cells[5]}`);
    if (rows.length < 2 || rows.some((row) => row.id !== '7' && row.firing !== 'false')) throw new Error(`rules: ${JSON.stringify(rows)}`);
    await screenshot('alert-rules');
    return { rules: rows.length, rule7: rule7.cells };
  });

  await step('a user who is not an admin has no link to the rules, and the page says why', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const other = await context.newPage();
    try {
      // the link shows once the gateway answered the page's question: wait for the answer, then look
      const asked = other.waitForResponse((response) => response.url().endsWith('/api/v1/alerts/rules'), { timeout: STEP_TIMEOUT });
      await other.goto(`${gateway}/#token=${userToken}`);
      const answer = await asked;
      if (answer.status() !== 403) throw new Error(`the gateway answered a user ${answer.status()}`);
      await other.locator('[data-testid=bell]').click();
      await other.locator('[data-testid=bell-panel]').waitFor();
      if (await other.locator('[data-testid=alert-rules-link]').isVisible()) throw new Error('the rules link is shown to a user');
      await other.goto(`${gateway}/#/alerts/rules`);
      const error = await other.locator('[data-testid=alert-rules-error]').textContent({ timeout: STEP_TIMEOUT });
      if (!error.includes('403') || !error.includes('only an admin may see the alert rules')) throw new Error(`the page says: ${error}`);
      return { error };
    } finally {
      await context.close();
    }
  });
}

async function bellSteps() {
  await step('the bell counts the alerts that fire and lists them, each linking to its environment', async () => {
    await page.goto(`${gateway}/#/`);
    await waitFor(() => Number(document.querySelector('[data-testid=bell-count]')?.textContent) >= 1, undefined, 120_000);
    const count = Number(await page.locator('[data-testid=bell-count]').textContent());
    await page.locator('[data-testid=bell]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=bell-panel]').waitFor();
    const alerts = await page.locator('[data-testid=bell-alert]').allTextContents();
    if (alerts.length === 0 || !alerts[0].includes(alerted)) throw new Error(`the bell lists ${JSON.stringify(alerts)}`);
    if (await page.locator('[data-testid=bell-count]').isVisible()) throw new Error('the count stayed after opening the list');
    await screenshot('bell');
    await page.keyboard.press('Escape');
    if (await page.locator('[data-testid=bell-panel]').isVisible()) throw new Error('Escape left the list open');
    return { count, first: alerts[0] };
  });
}

/** The same pages at a phone's width: nothing wider than the screen, focus visible, contrast AA. */
async function narrowSteps(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const narrow = await context.newPage();
  const wide = page;
  page = narrow;
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await page.goto(`${gateway}/#token=${token}`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await step('at 390 px the overview fits the screen, is searchable and opens by keyboard', async () => {
      await waitFor((n) => Number(/^(\d+)/.exec(document.querySelector('[data-testid=fleet-shown]')?.textContent ?? '')?.[1]) >= n, fleetSize);
      if (await overflow() > 0) throw new Error(`the page is ${await overflow()} px wider than the screen`);
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { element: document.activeElement?.className || document.activeElement?.tagName, outline: style.outlineStyle, width: style.outlineWidth };
      });
      if (outline.outline === 'none' || outline.width === '0px') throw new Error(`no visible focus on ${outline.element}`);
      const contrastChecked = await expectContrast('overview at 390 px');
      await screenshot('narrow-overview');
      await page.keyboard.press('/');
      await page.keyboard.type(environment);
      await page.keyboard.press('Enter');
      await waitFor((id) => decodeURIComponent(location.hash) === `#/env/${id}`, environment);
      return { focused: outline, contrastChecked };
    });
    await step('at 390 px the logs and status pages fit the screen', async () => {
      await page.locator('.log-row').first().waitFor();
      if (await overflow() > 0) throw new Error(`the logs page is ${await overflow()} px wider than the screen`);
      await screenshot('narrow-logs');
      await page.click('[data-testid=tab-status]');
      await waitFor(() => Number(document.querySelector('.status-panel')?.dataset.samples) >= 1);
      if (await overflow() > 0) throw new Error(`the status page is ${await overflow()} px wider than the screen`);
      await screenshot('narrow-status');
    });
  } finally {
    page = wide;
    await context.close();
  }
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
    await statusSteps();
    await bellSteps();
    await alertRulesSteps(browser);
    await narrowSteps(browser);
  } finally {
    await browser.close();
    await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
  }
  const failed = results.steps.filter((s) => !s.ok);
  console.log(`${results.steps.length - failed.length} of ${results.steps.length} browser checks passed`);
  process.exit(failed.length === 0 ? 0 : 1);
}

await main();
