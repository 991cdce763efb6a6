// Browser tests of the web UI's terminal and logs against a running standalone, through the TCP proxy of proxy.mjs.
// Run by e2e's LogsAndTerminalIntegrationTests, which starts the standalone (with a short heartbeat) and the demo
// containers and passes, in the environment:
//   ENVSTREAM_URL, ENVSTREAM_TOKEN, ENVSTREAM_ARTIFACTS   as for web-ui.browser-test.mjs
//   ENVSTREAM_STEPS   `terminal`: the shell survives a cut connection and a reload, copy/paste, font size, end
//                     session; `heartbeat`: logs reconnect and resume after the gateway's heartbeat close;
//                     `reading`: JSON lines as fields, stack traces folded, the level filter; `replay`: replay
//                     from the activity timeline, jump to time, back to live; `merged`: ENVSTREAM_ENV and
//                     ENVSTREAM_ENV_B in one stream across a cut connection, then side by side
//   ENVSTREAM_ENV     an environment printing "web seq=N ..." lines (a shell in it for `terminal`); for `reading`
//                     one that printed the JSON lines and stack traces of LogsAndTerminalIntegrationTests
// Every step runs even when an earlier one failed (where it can); exit status 1 when any failed.
import { mkdir, readFile } from 'node:fs/promises';

import { exitByResults, launchChromium, writeResults } from './browser.mjs';
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
    // the paste reads the clipboard asynchronously: Enter before the text is on the prompt would run an empty line
    await waitFor(() => [...document.querySelectorAll('[data-testid=terminal] .xterm-rows > div')]
      .some((r) => r.textContent.trimEnd().endsWith('echo pasted-$((20+22))')), undefined, 20_000)
      .catch(async () => {
        throw new Error(`the paste did not reach the prompt; the terminal shows:\n${(await terminalRows()).filter(Boolean).join('\n')}`);
      });
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

/** The rows in the DOM: text, level, classes. */
const rows = () => page.$$eval('.log-row', (all) => all.map((row) => ({
  text: row.querySelector('.log-message')?.textContent ?? '', level: row.dataset.level, continuation: row.classList.contains('log-continuation'),
  fold: row.querySelector('.log-fold')?.textContent, json: row.classList.contains('log-json'),
})));
const rowWith = (text) => page.locator('.log-row', { has: page.locator('.log-message', { hasText: text }) });

async function readingSteps() {
  await step('reading: JSON lines show their message and fields, and every field on request', async () => {
    await page.goto(`${proxy.url}/#/env/${encodeURIComponent(environment)}`);
    await connection('logs', 'open');
    await rowWith('payment failed').waitFor();
    const row = rowWith('payment failed');
    if ((await row.getAttribute('data-level')) !== 'error') throw new Error(`the JSON error line has level ${await row.getAttribute('data-level')}`);
    const shown = await row.locator('.log-message').textContent();
    if (!shown.startsWith('payment failed') || !shown.includes('order=42')) throw new Error(`the JSON line reads "${shown}"`);
    await row.locator('.log-inspect').click();
    const fields = page.locator('[data-testid=log-fields]');
    await fields.waitFor();
    const retries = fields.locator('details[data-field=retries]');
    if (await retries.getAttribute('open') !== null) throw new Error('the second level is open before a click');
    await retries.locator('summary').click();
    const values = await retries.locator('dd').allTextContents();
    if (values.join(',') !== '1,2,3') throw new Error(`retries show ${values.join(',')}`);
    const type = await fields.locator('[data-field=type] dd').textContent();
    await screenshot('json-fields');
    await page.click('[data-testid=log-fields-close]');
    await fields.waitFor({ state: 'hidden' });
    return { shown, type, retries: values };
  });

  await step('reading: Java, Python and Node stack traces are folded under their first line and unfold', async () => {
    const folds = {};
    for (const [head, count] of [['java.lang.IllegalStateException: boom', 4], ['ERROR:root:division failed', 4], ['Error: connect ECONNREFUSED', 2]]) {
      const fold = await rowWith(head).locator('.log-fold').textContent();
      if (fold !== `▸ ${count}`) throw new Error(`"${head}" has fold "${fold}", not ▸ ${count}`);
      folds[head] = fold;
    }
    if ((await rows()).some((row) => row.continuation)) throw new Error('a folded trace line is shown');
    await screenshot('stack-traces-folded');
    await rowWith('java.lang.IllegalStateException: boom').locator('.log-fold').click();
    await rowWith('Service.java:42').waitFor();
    const unfolded = (await rows()).filter((row) => row.continuation).map((row) => row.text.trim());
    const expected = ['at com.example.Service.run(Service.java:42)', 'at java.base/java.lang.Thread.run(Thread.java:1583)',
      'Caused by: java.io.IOException: disk full', '... 1 more'];
    if (unfolded.join('|') !== expected.join('|')) throw new Error(`unfolded: ${unfolded.join(' | ')}`);
    await screenshot('stack-trace-unfolded');
    return { folds, unfolded };
  });

  await step('reading: the level filter shows a level and the more severe ones', async () => {
    await page.selectOption('[data-testid=level-filter]', 'error');
    // the list is redrawn after the choice: an empty list between two draws would pass "every row is an error"
    await waitFor(() => {
      const shown = [...document.querySelectorAll('.log-row')];
      return shown.some((row) => row.textContent.includes('payment failed')) && shown.every((row) => row.dataset.level === 'error');
    });
    const errors = (await rows()).map((row) => row.text);
    for (const expected of ['payment failed', 'request failed', 'ERROR:root:division failed']) {
      if (!errors.some((text) => text.includes(expected))) throw new Error(`"${expected}" is missing under error: ${errors.join(' | ')}`);
    }
    await screenshot('level-error');
    await page.selectOption('[data-testid=level-filter]', 'warn');
    await rowWith('disk almost full').waitFor();
    const warn = (await rows()).map((row) => row.level);
    if (warn.some((level) => level !== 'error' && level !== 'warn')) throw new Error(`levels shown under warn: ${warn.join(',')}`);
    await page.selectOption('[data-testid=level-filter]', '');
    await rowWith('cache miss').waitFor();
    return { errorRows: errors.length, warnRows: warn.length };
  });
}

async function replaySteps() {
  let start;
  await step('replay: a click on the timeline replays from that minute at 1×, then joins live at max speed', async () => {
    await page.goto(`${proxy.url}/#/env/${encodeURIComponent(environment)}`);
    await connection('logs', 'open');
    await waitFor(() => document.querySelector('.timeline-bar:not([data-lines="0"])'), undefined, 90_000);
    const bar = page.locator('.timeline-bar:not([data-lines="0"])').first();
    start = await bar.getAttribute('data-start');
    // 1×: the environment has written for about 20 s, which a 10× replay of an idle machine is through in 2 s,
    // before its first position shows; at 1× the replay lasts as long as the history
    await page.selectOption('[data-testid=replay-speed]', '1');
    await bar.click();
    await page.locator('[data-testid=replay-position]', { hasText: /now at \d\d:\d\d:\d\d/ }).waitFor({ timeout: 30_000 });
    const position = await page.locator('[data-testid=replay-position]').textContent();
    if (!position.startsWith('replaying at 1× from')) throw new Error(`the position reads "${position}"`);
    await screenshot('replay');
    const lines = await downloadLines(page);
    if (lines.length === 0) throw new Error('nothing replayed');
    if (Date.parse(lines[0].timestamp) < Date.parse(start)) throw new Error(`the replay starts at ${lines[0].timestamp}, before ${start}`);
    const firstSeq = lines[0].seq;
    await page.selectOption('[data-testid=replay-speed]', 'max');
    await page.locator('[data-testid=replay-position]', { hasText: /^from / }).waitFor({ timeout: 60_000 });
    const all = await downloadLines(page);
    return { start, position, firstLine: lines[0], firstSeq, ...assertUnbroken(all, 'replayed then live') };
  });

  await step('replay: jump to a time 20 s ago, then back to live', async () => {
    const since = await page.evaluate(() => {
      const time = new Date(Date.now() - 20_000);
      const two = (n) => String(n).padStart(2, '0');
      return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())}T${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
    });
    const sinceIso = await page.evaluate((value) => new Date(value).toISOString(), since);
    await page.fill('[data-testid=jump-time]', since);
    await page.click('[data-testid=jump]');
    await connection('logs', 'open');
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 20);
    const lines = await downloadLines(page);
    if (Date.parse(lines[0].timestamp) < Date.parse(sinceIso)) throw new Error(`the jump starts at ${lines[0].timestamp}, before ${sinceIso}`);
    await screenshot('jump-to-time');
    await page.click('[data-testid=back-to-live]');
    await page.locator('[data-testid=replay-position]', { hasText: /^live$/ }).waitFor();
    await connection('logs', 'open');
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 100);
    return { since: sinceIso, first: lines[0] };
  });
}

/** The merged view's lines as its download gives them: time, environment, stream and the demo's number. */
async function downloadMerged() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
  const text = await readFile(await download.path(), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => {
    const [timestamp, env, stream] = line.split(' ', 4);
    return { timestamp, env, stream, seq: Number(/ seq=(\d+)/.exec(line)?.[1]) };
  });
}

async function mergedSteps() {
  const other = required('ENVSTREAM_ENV_B');
  const both = [environment, other];
  const openBoth = () => Promise.all(both.map((id) => connection(id, 'open')));
  const received = async () => Number(await page.locator('[data-testid=line-count]').getAttribute('data-received'));
  await step('merged: two environments picked, one stream ordered by time, each seq once across a cut connection', async () => {
    await page.click('[data-testid=nav-multi]');
    for (const id of both) await page.check(`[data-testid=multi-picker] input[data-env="${id}"]`);
    await page.click('[data-testid=open-merged]');
    await openBoth();
    await waitFor(() => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= 60);
    await screenshot('merged');
    const before = await received();
    const dropped = proxy.dropAll();
    await waitFor((ids) => ids.some((id) => document.querySelector(`[data-testid=connection-${id}]`)?.dataset.state === 'waiting'), both, 10_000);
    await openBoth();
    await waitFor((n) => Number(document.querySelector('[data-testid=line-count]')?.dataset.received) >= n + 60, before);
    const lines = await downloadMerged();
    const perEnvironment = {};
    for (const id of both) perEnvironment[id] = assertUnbroken(lines.filter((line) => line.env === id), `${id} in the merged view`);
    const times = lines.map((line) => Date.parse(line.timestamp));
    const outOfOrder = times.findIndex((time, i) => i > 0 && time < times[i - 1]);
    if (outOfOrder > 0) throw new Error(`line ${outOfOrder} (${lines[outOfOrder].timestamp}) comes after a later one (${lines[outOfOrder - 1].timestamp})`);
    const tags = await page.$$eval('.merged-list .log-row', (rows) => [...new Set(rows.map((row) => row.dataset.env))]);
    return { dropped, lines: lines.length, perEnvironment, tagsInView: tags };
  });

  await step('split: the two environments side by side, each with its own lines', async () => {
    await page.goto(`${proxy.url}/#/split?envs=${both.map(encodeURIComponent).join(',')}`);
    for (const id of both) {
      await page.locator(`.split-pane[data-env="${id}"] .log-row`).first().waitFor();
      const texts = await page.locator(`.split-pane[data-env="${id}"] .log-message`).allTextContents();
      const prefix = id === environment ? 'web' : 'other';
      if (texts.some((text) => !text.startsWith(`${prefix} seq=`))) throw new Error(`the pane of ${id} shows a line of the other`);
    }
    await screenshot('split');
  });
}

async function main() {
  await mkdir(artifacts, { recursive: true });
  proxy = await startProxy(gateway);
  const browser = await launchChromium();
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
    else if (mode === 'reading') await readingSteps();
    else if (mode === 'replay') await replaySteps();
    else if (mode === 'merged') await mergedSteps();
    else throw new Error(`unknown ENVSTREAM_STEPS ${mode}`);
  } finally {
    await browser.close();
    await proxy.close();
    await writeResults(results, artifacts);
  }
  exitByResults(results);
}

await main();
