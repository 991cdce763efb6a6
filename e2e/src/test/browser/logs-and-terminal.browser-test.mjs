// Browser tests of the web UI's terminal and logs against a running standalone, through the TCP proxy of proxy.mjs.
// Run by e2e's LogsAndTerminalIntegrationTests, which starts the standalone (with a short heartbeat) and the demo
// containers and passes, in the environment:
//   ENVSTREAM_URL, ENVSTREAM_TOKEN, ENVSTREAM_ARTIFACTS   as for web-ui.browser-test.mjs
//   ENVSTREAM_STEPS   `terminal`: the shell survives a cut connection and a reload, copy/paste, font size, end
//                     session; `heartbeat`: logs reconnect and resume after the gateway's heartbeat close
//   ENVSTREAM_ENV     an environment printing "web seq=N ..." lines (a shell in it for `terminal`)
// Every step runs even when an earlier one failed (where it can); exit status 1 when any failed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { assertUnbroken, downloadLines } from './lines.mjs';
import { startProxy } from './proxy.mjs';
import { recordedSteps, required } from './steps.mjs';

const gateway = new URL(required('ENVSTREAM_URL'));
const token = required('ENVSTREAM_TOKEN');
const environment = required('ENVSTREAM_ENV');
const mode = required('ENVSTREAM_STEPS');
const artifacts = required('ENVSTREAM_ARTIFACTS');
const STEP_TIMEOUT = 45_000;

let page;
let proxy;
const { results, screenshot, step } = recordedSteps(artifacts, () => page);
const waitFor = (fn, arg, timeout = STEP_TIMEOUT) => page.waitForFunction(fn, arg, { timeout, polling: 100 });
const received = async () => Number(await page.locator('[data-testid=line-count]').getAttribute('data-received'));

/** Waits until the connection line of `label` is in `state`; fails with what it says otherwise. */
async function connection(label, state, timeout = 30_000) {
  await waitFor(([l, s]) => document.querySelector(`[data-testid=connection-${l}]`)?.dataset.state === s, [label, state], timeout)
    .catch(async (error) => {
      throw new Error(`${label} not ${state}: "${await page.locator(`[data-testid=connection-${label}]`).textContent()}" (${error.message.split('\n')[0]})`);
    });
  return page.locator(`[data-testid=connection-${label}]`).textContent();
}

/** The terminal's rows as text. */
const terminalRows = () => page.$$eval('[data-testid=terminal] .xterm-rows > div', (rows) => rows.map((row) => row.textContent.trimEnd()));

/** Types `command` and Enter, and waits until one more row than before matches `answer` (a RegExp or the exact text). */
async function run(command, answer) {
  const pattern = answer instanceof RegExp ? answer.source : `^${answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const matching = async () => (await terminalRows()).filter((row) => new RegExp(pattern).test(row)).length;
  const before = await matching();
  await page.click('[data-testid=terminal]');
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitFor(([p, n]) => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')]
    .filter((row) => new RegExp(p).test(row.textContent.trimEnd())).length > n, [pattern, before], 20_000)
    .catch(async () => {
      throw new Error(`"${command}" did not print ${pattern}; the terminal shows:\n${(await terminalRows()).filter(Boolean).join('\n')}`);
    });
}

async function openTerminal() {
  await page.goto(`${proxy.url}/#/env/${encodeURIComponent(environment)}/terminal`);
  await page.locator('[data-testid=tab-terminal]').waitFor();
  await connection('terminal', 'open');
  await waitFor(() => document.querySelector('.terminal-panel')?.dataset.session);
  return page.locator('.terminal-panel').getAttribute('data-session');
}

async function terminalSteps() {
  let session;
  await step('terminal: cd /tmp, cut every connection, the same shell answers pwd with /tmp', async () => {
    session = await openTerminal();
    await run('cd /tmp && echo "pid=$$"', /^pid=\d+$/);
    const pid = (await terminalRows()).map((row) => /^pid=(\d+)$/.exec(row)?.[1]).find(Boolean);
    if (!pid) throw new Error('the shell did not say its pid');
    const dropped = proxy.dropAll();
    const said = await connection('terminal', 'waiting', 10_000);
    await screenshot('terminal-connection-lost');
    await connection('terminal', 'open');
    await run('pwd', '/tmp');
    await run('echo "pid=$$"', `pid=${pid}`);
    const now = await page.locator('.terminal-panel').getAttribute('data-session');
    if (now !== session) throw new Error(`the session changed from ${session} to ${now}`);
    await screenshot('terminal-after-cut');
    return { dropped, said, pid, session };
  });

  await step('terminal: a reload reattaches to the same shell with what it printed meanwhile', async () => {
    await run('(sleep 3; echo printed-$((1+1))-away) & echo started', 'started');
    await page.reload();
    await connection('terminal', 'open');
    await waitFor(() => document.querySelector('.terminal-panel')?.dataset.session);
    const now = await page.locator('.terminal-panel').getAttribute('data-session');
    if (now !== session) throw new Error(`the reload opened session ${now}, not ${session}`);
    await waitFor(() => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')].some((row) => row.textContent.includes('printed-2-away')), undefined, 20_000);
    await run('pwd', '/tmp');
    await screenshot('terminal-after-reload');
    return { session: now };
  });

  await step('terminal: copy a selection, paste the clipboard, larger font', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: proxy.url });
    await run('echo copy-me', 'copy-me');
    const row = page.locator('[data-testid=terminal] .xterm-rows > div', { hasText: /^copy-me\s*$/ }).last();
    const box = await row.boundingBox();
    await page.mouse.dblclick(box.x + 10, box.y + box.height / 2);
    await page.click('[data-testid=terminal-copy]');
    let copied = await page.evaluate(() => navigator.clipboard.readText());
    for (let tries = 0; copied !== 'copy-me' && tries < 50; tries++) {
      await page.waitForTimeout(100);
      copied = await page.evaluate(() => navigator.clipboard.readText());
    }
    if (copied !== 'copy-me') throw new Error(`the clipboard holds "${copied}"`);
    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((20+22))'));
    await page.click('[data-testid=terminal-paste]');
    await page.keyboard.press('Enter');
    await waitFor(() => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')].some((r) => r.textContent.trimEnd() === 'pasted-42'), undefined, 20_000);
    const rows = await page.evaluate(() => document.querySelectorAll('[data-testid=terminal] .xterm-rows > div').length);
    await page.click('[data-testid=terminal-font-larger]');
    await page.click('[data-testid=terminal-font-larger]');
    await waitFor((before) => document.querySelectorAll('[data-testid=terminal] .xterm-rows > div').length < before, rows, 5_000);
    const fontSize = await page.locator('.terminal-panel').getAttribute('data-font-size');
    if (fontSize !== '15') throw new Error(`font size ${fontSize} after two steps up from 13`);
    await screenshot('terminal-copy-paste-font');
    return { rowsBefore: rows, fontSize };
  });

  await step('terminal: end session ends the shell; its id no longer reattaches', async () => {
    await page.click('[data-testid=terminal-end]');
    await page.locator('[data-testid=terminal-ended]', { hasText: 'session ended' }).waitFor({ timeout: 30_000 });
    await screenshot('terminal-ended');
    const stored = await page.evaluate((id) => sessionStorage.getItem(`envstream.terminal.session.${id}`), environment);
    if (stored) throw new Error(`the ended session ${stored} is still stored`);
    // a page that still held the ended session's id gets a new shell
    await page.evaluate(([id, s]) => sessionStorage.setItem(`envstream.terminal.session.${id}`, s), [environment, session]);
    await page.reload();
    await connection('terminal', 'open');
    await waitFor((old) => { const now = document.querySelector('.terminal-panel')?.dataset.session; return now && now !== old; }, session);
    await run('echo new-$((2+3))', 'new-5');
    return { newSession: await page.locator('.terminal-panel').getAttribute('data-session') };
  });
}

async function heartbeatSteps() {
  await step('heartbeat: the gateway closes logs with 1000 heartbeat timeout, the UI reconnects and resumes', async () => {
    await page.goto(`${proxy.url}/#/env/${encodeURIComponent(environment)}`);
    await connection('logs', 'open');
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 30);
    proxy.stopPongs('/logs');
    const said = await connection('logs', 'waiting', 60_000);
    if (!/closed normally \(heartbeat timeout\).*Reconnecting in \d+ s/.test(said ?? '')) throw new Error(`the connection line says "${said}"`);
    await screenshot('heartbeat-closed');
    proxy.passPongs();
    const before = await received();
    await connection('logs', 'open');
    await waitFor((n) => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= n + 40, before);
    await screenshot('heartbeat-resumed');
    return { said, ...assertUnbroken(await downloadLines(page), 'across the heartbeat close') };
  });
}

async function main() {
  await mkdir(artifacts, { recursive: true });
  proxy = await startProxy(gateway);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    await step('sign in with #token=', async () => {
      await page.goto(`${proxy.url}/#token=${token}`);
      await page.locator(`[data-env="${environment}"]`).waitFor();
    });
    if (mode === 'terminal') await terminalSteps();
    else if (mode === 'heartbeat') await heartbeatSteps();
    else throw new Error(`unknown ENVSTREAM_STEPS ${mode}`);
  } finally {
    await browser.close();
    await proxy.close();
    await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
  }
  const failed = results.steps.filter((s) => !s.ok);
  console.log(`${results.steps.length - failed.length} of ${results.steps.length} browser checks passed`);
  process.exit(failed.length === 0 && results.steps.length > 1 ? 0 : 1);
}

await main();
