// Starting Debian's chromium for the browser scripts (never a downloaded browser), and ending a run: results.json
// written, the count said, exit status 1 when a step failed.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Writes `results` to `artifacts/results.json`, says how many steps passed, and exits (1 when any failed). */
export async function writeResultsAndExit(results, artifacts) {
  await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
  const failed = results.steps.filter((s) => !s.ok);
  console.log(`${results.steps.length - failed.length} of ${results.steps.length} browser checks passed`);
  process.exit(failed.length === 0 ? 0 : 1);
}
