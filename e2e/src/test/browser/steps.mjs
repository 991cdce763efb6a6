// What the browser scripts share: their settings from the environment, and steps that each record a result (and a
// screenshot when they fail), so that every step runs even when an earlier one failed.
import path from 'node:path';

/** The value of an environment variable the script cannot run without; exit status 2 when it is missing. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

/**
 * Steps that record into `results.steps`; screenshots go to `artifacts`, numbered in order. `currentPage` gives the
 * page to screenshot (the scripts open it after they set up their steps).
 */
export function recordedSteps(artifacts, currentPage) {
  const results = { steps: [], figures: undefined };
  let shot = 0;

  async function screenshot(name) {
    shot++;
    await currentPage()?.screenshot({ path: path.join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`) }).catch(() => undefined);
  }

  async function step(name, body) {
    const started = Date.now();
    try {
      const detail = await body();
      results.steps.push({ name, ok: true, ms: Date.now() - started, detail });
      console.log(`PASS ${name} (${Date.now() - started} ms)${detail ? `: ${JSON.stringify(detail)}` : ''}`);
    } catch (error) {
      const where = await pageState(currentPage());
      results.steps.push({ name, ok: false, ms: Date.now() - started, error: `${String(error?.message ?? error).split('\n')[0]} (${where})` });
      console.log(`FAIL ${name}: ${error?.stack ?? error}\n  page: ${where}`);
      await screenshot(`failed-${name.replace(/\W+/g, '-')}`);
    }
  }

  return { results, screenshot, step };
}

/** Where the page was when a step failed: its route and what had the keyboard focus (a wait that timed out says neither). */
async function pageState(page) {
  if (!page) return 'no page';
  return page.evaluate(() => {
    const focused = document.activeElement;
    const name = focused?.dataset?.testid ?? focused?.getAttribute?.('aria-label') ?? focused?.tagName?.toLowerCase();
    return `at ${location.hash || '#'}, focus on ${name ?? 'nothing'}`;
  }).catch((error) => `unreadable: ${String(error?.message ?? error).split('\n')[0]}`);
}
