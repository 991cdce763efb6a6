// The demo's numbered lines (`demo lines`: "<prefix> seq=N ...") as the UI holds them, and the check that none is lost
// or repeated.
import { readFile } from 'node:fs/promises';

/** The shown lines as the UI's download gives them: time, stream and the demo's number. */
export async function downloadLines(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
  const text = await readFile(await download.path(), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => {
    const [timestamp, stream] = line.split(' ', 3);
    const seq = Number(/ seq=(\d+)/.exec(line)?.[1]);
    return { timestamp, stream, seq };
  });
}

/**
 * Nothing lost, nothing repeated: the numbers form one unbroken range. stdout and stderr are separate pipes, so a line
 * of one may reach the log a little after a later-numbered line of the other: the newest TAIL_SLACK numbers may still
 * be on their way and are not counted as missing (the next check sees them).
 */
const TAIL_SLACK = 20;

export function assertUnbroken(lines, what) {
  const seqs = lines.map((l) => l.seq).filter(Number.isFinite);
  const unique = new Set(seqs);
  if (unique.size !== seqs.length) throw new Error(`${what}: ${seqs.length - unique.size} lines repeated`);
  const sorted = [...unique].sort((a, b) => a - b);
  const settled = sorted.at(-1) - TAIL_SLACK;
  const missing = [];
  for (let i = 1; i < sorted.length; i++) for (let s = sorted[i - 1] + 1; s < Math.min(sorted[i], settled); s++) missing.push(s);
  if (missing.length > 0) throw new Error(`${what}: ${missing.length} lines missing, e.g. seq ${missing.slice(0, 5).join(', ')}`);
  return { lines: seqs.length, first: sorted[0], last: sorted.at(-1) };
}
