import { describe, expect, it } from 'vitest';
import type { Log } from '@envstream/client';
import { MergedLines } from '../src/merged-lines.js';

function log(seq: number, timestamp: string): Log {
  return { type: 'log', timestamp, stream: 'stdout', message: `seq=${seq}`, meta: { cursor: `c${seq}`, container: 'x', host: 'h', seq } };
}
const shown = (lines: MergedLines) => [...lines].map((line) => `${line.environmentId}:${line.message}`);

describe('MergedLines', () => {
  it('orders the lines of several environments by time, a late line landing where its time says', () => {
    const lines = new MergedLines();
    lines.add('a', [log(1, '2025-10-01T12:00:00.100Z'), log(2, '2025-10-01T12:00:00.300Z')]);
    lines.add('b', [log(1, '2025-10-01T12:00:00.200Z'), log(2, '2025-10-01T12:00:00.400Z')]);
    lines.add('a', [log(3, '2025-10-01T12:00:00.350Z')]);
    expect(shown(lines)).toEqual(['a:seq=1', 'b:seq=1', 'a:seq=2', 'a:seq=3', 'b:seq=2']);
  });

  it('keeps the order of one environment\'s lines of the same time, and of times written with more digits', () => {
    const lines = new MergedLines();
    lines.add('a', [log(1, '2025-10-01T12:00:00Z'), log(2, '2025-10-01T12:00:00.000001Z'), log(3, '2025-10-01T12:00:00Z')]);
    lines.add('b', [log(1, '2025-10-01T11:59:59.999Z')]);
    expect(shown(lines)).toEqual(['b:seq=1', 'a:seq=1', 'a:seq=2', 'a:seq=3']);
  });

  it('holds the newest lines up to its capacity (dropping in chunks of a tenth)', () => {
    const lines = new MergedLines(10);
    for (let i = 0; i < 25; i++) lines.add('a', [log(i, new Date(Date.UTC(2025, 9, 1, 12, 0, i)).toISOString())]);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(lines.length - 1)!.message).toBe('seq=24');
    expect(lines.added).toBe(25);
  });
});
