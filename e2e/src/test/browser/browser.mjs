// Starting Debian's chromium for the browser scripts (never a downloaded browser), and ending a run: results.json
// written, the count said, exit status 1 when a step failed.
import { statfsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...sharedMemoryArgs()],
  });
}

/** Below this much room in /dev/shm, chromium's shared memory goes to files under /tmp instead. */
const SMALL_SHM_BYTES = 1024 ** 3;

// Chromium keeps its shared memory (frames, messages) in /dev/shm; where that is small, as a container's 64 MB
// default, it runs out, and --disable-dev-shm-usage moves it to files under /tmp. Those files are on the disk: where
// /dev/shm has room they only slow the page down (the web UI benchmark's longest task: 136 ms with the flag, 58 ms
// without it, on a 24 GB /dev/shm).
function sharedMemoryArgs() {
  try {
    const shm = statfsSync('/dev/shm');
    return shm.bavail * shm.bsize < SMALL_SHM_BYTES ? ['--disable-dev-shm-usage'] : [];
  } catch {
    return ['--disable-dev-shm-usage'];
  }
}

/** Writes `results` to `artifacts/results.json` (in a `finally`, so that a run that ends early still leaves them). */
export async function writeResults(results, artifacts) {
  await writeFile(path.join(artifacts, 'results.json'), JSON.stringify(results, null, 2));
}

/** Says how many steps passed and exits, with status 1 when any failed. */
export function exitByResults(results) {
  const failed = results.steps.filter((s) => !s.ok);
  console.log(`${results.steps.length - failed.length} of ${results.steps.length} browser checks passed`);
  process.exit(failed.length === 0 ? 0 : 1);
}
