// A probe of where the page's main thread spends its time, for the bench mode (ENVSTREAM_PROFILE):
//   cpu    a V8 CPU profile (CDP Profiler): `<name>.cpuprofile` (opens in Chromium's DevTools) and, in the summary, the
//          functions by self time and every stretch of 50 ms or more without an idle sample with its top functions;
//   trace  a Chromium timeline trace (`devtools.timeline`, what DevTools' Performance panel records): `<name>.trace.json`
//          and, in the summary, every main-thread task of 50 ms or more with its time by event (self time: GC, layout,
//          style, script, parsing a message...) and its CPU time (far below its duration: it waited for a core).
// Either costs the page some time of its own: compare runs with the same probe, never with a run without it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const LONG_MS = 50;

/** Starts the probe on `page`; the returned function stops it, writes its files and returns the summary. */
export async function startProfile(kind, browser, page, artifacts, name) {
  if (kind === 'cpu') return startCpuProfile(page, artifacts, name);
  if (kind === 'trace') return startTrace(browser, page, artifacts, name);
  throw new Error(`ENVSTREAM_PROFILE must be cpu or trace, not "${kind}"`);
}

async function startCpuProfile(page, artifacts, name) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    await writeFile(path.join(artifacts, `${name}.cpuprofile`), JSON.stringify(profile));
    const summary = summarizeCpuProfile(profile);
    await writeFile(path.join(artifacts, `${name}-cpu-summary.json`), JSON.stringify(summary, null, 2));
    return summary;
  };
}

/** A function's name and place, e.g. `append log-store.ts:77` (bundled names are the bundle's). */
function frameName(callFrame) {
  const file = callFrame.url ? ` ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : '';
  return `${callFrame.functionName || '(anonymous)'}${file}`;
}

function topOf(totals, count) {
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([what, us]) => ({ what, ms: Math.round(us / 100) / 10 }));
}

export function summarizeCpuProfile(profile) {
  const names = new Map(profile.nodes.map((node) => [node.id, frameName(node.callFrame)]));
  const self = new Map();
  const stretches = [];
  let stretch;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const what = names.get(profile.samples[i]);
    if (what.startsWith('(idle)')) {
      if (stretch && stretch.us >= LONG_MS * 1000) stretches.push(stretch);
      stretch = undefined;
      continue;
    }
    busyUs += us;
    self.set(what, (self.get(what) ?? 0) + us);
    stretch ??= { us: 0, self: new Map() };
    stretch.us += us;
    stretch.self.set(what, (stretch.self.get(what) ?? 0) + us);
  }
  if (stretch && stretch.us >= LONG_MS * 1000) stretches.push(stretch);
  return {
    busyMs: Math.round(busyUs / 1000),
    topSelf: topOf(self, 25),
    stretchesOf50msOrMore: stretches.map((s) => ({ ms: Math.round(s.us / 1000), top: topOf(s.self, 6) })),
  };
}

async function startTrace(browser, page, artifacts, name) {
  const file = path.join(artifacts, `${name}.trace.json`);
  await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
  return async () => {
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const summary = summarizeTrace(trace.traceEvents ?? trace);
    await writeFile(path.join(artifacts, `${name}-trace-summary.json`), JSON.stringify(summary, null, 2));
    return summary;
  };
}

/** The page's main thread: the CrRendererMain with the most complete events. */
function mainThread(events) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best;
  let most = -1;
  for (const main of mains) {
    const count = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid).length;
    if (count > most) [best, most] = [main, count];
  }
  return best;
}

export function summarizeTrace(events) {
  const main = mainThread(events);
  if (!main) throw new Error('the trace has no renderer main thread');
  const own = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  const overall = new Map();
  let cpuUs = 0;
  // walk the nesting with a stack: an event's self time is its duration less its children's
  const stack = [];
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop();
      const selfUs = done.dur - done.childUs;
      if (done.task) done.task.self.set(done.name, (done.task.self.get(done.name) ?? 0) + selfUs);
      overall.set(done.name, (overall.get(done.name) ?? 0) + selfUs);
    }
  };
  for (const event of own) {
    close(event.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.childUs += event.dur;
    let task = parent?.task;
    if (!parent) cpuUs += event.tdur ?? event.dur;
    if (!parent && event.dur >= LONG_MS * 1000) {
      // tdur is the thread's CPU time: far below dur, the task mostly waited for a core (a loaded machine)
      task = { ms: Math.round(event.dur / 1000), cpuMs: Math.round((event.tdur ?? event.dur) / 1000), self: new Map() };
      tasks.push(task);
    }
    stack.push({ name: event.name, end: event.ts + event.dur, dur: event.dur, childUs: 0, task });
  }
  close(Infinity);
  return {
    cpuMs: Math.round(cpuUs / 1000),
    topSelf: topOf(overall, 25),
    tasksOf50msOrMore: tasks.map((t) => ({ ms: t.ms, cpuMs: t.cpuMs, top: topOf(t.self, 6) })),
  };
}
