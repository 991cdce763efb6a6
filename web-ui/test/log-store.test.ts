import { describe, expect, it } from 'vitest';
import type { Log } from '@envstream/client';
import { LogStore } from '../src/log-store.js';

function line(n: number, stream: 'stdout' | 'stderr' = n % 2 ? 'stdout' : 'stderr', message = `line ${n}`): Log {
  return { type: 'log', timestamp: '2025-10-01T12:00:00.000Z', stream, message, meta: { cursor: `c${n}`, container: 'x', host: 'h', seq: n } };
}
const seqs = (store: LogStore) => Array.from({ length: store.length }, (_, i) => Number(store.lineAt(i)!.line.cursor.slice(1)));

describe('LogStore', () => {
  it('holds at most its capacity, the newest lines', () => {
    const store = new LogStore(50_000);
    for (let batch = 0; batch < 600; batch++) store.append(Array.from({ length: 100 }, (_, i) => line(batch * 100 + i)));
    expect(store.buffer.size).toBe(50_000);
    expect(store.length).toBe(50_000);
    expect(store.lineAt(0)!.line.cursor).toBe('c10000');
    expect(store.lineAt(49_999)!.line.cursor).toBe('c59999');
  });

  it('filters by stream and by case-insensitive search without ANSI, and keeps filtering new lines', () => {
    const store = new LogStore(10);
    store.append([line(1), line(2), line(3, 'stderr', '\u001b[31mERROR\u001b[0m disk')]);
    store.setFilter('stderr', '');
    expect(seqs(store)).toEqual([2, 3]);
    store.setFilter('all', 'error d');
    expect(seqs(store)).toEqual([3]);
    store.append([line(4, 'stdout', 'another Error Disk')]);
    expect(seqs(store)).toEqual([3, 4]);
    store.setFilter('all', '');
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
  });

  it('forgets filtered matches that fell out of the buffer', () => {
    const store = new LogStore(4);
    store.setFilter('stdout', '');
    store.append([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => line(n)));
    expect(seqs(store)).toEqual([7, 9]);
  });

  it('while paused shows what it showed and counts the new lines; resume shows them all', () => {
    const store = new LogStore(100);
    store.append([line(1), line(2)]);
    store.pause();
    store.append([line(3), line(4), line(5)]);
    expect([store.length, store.pending]).toEqual([2, 3]);
    store.setFilter('stdout', '');
    expect(seqs(store)).toEqual([1]);
    store.resume();
    expect([seqs(store), store.pending]).toEqual([[1, 3, 5], 0]);
  });

  it('paused at the end a view last drew, holds that view and counts every later line as new', () => {
    const store = new LogStore(100);
    store.append([line(1), line(2)]);
    const drawnEnd = store.shownEnd;
    store.append([line(3)]);
    store.pause(drawnEnd);
    store.append([line(4)]);
    expect([seqs(store), store.pending, store.shownEnd]).toEqual([[1, 2], 2, 2]);
    store.resume();
    expect([seqs(store), store.pending]).toEqual([[1, 2, 3, 4], 0]);
  });

  it('never holds an end beyond the lines held', () => {
    const store = new LogStore(100);
    store.append([line(1)]);
    store.pause(5);
    expect([store.length, store.pending, store.shownEnd]).toEqual([1, 0, 1]);
  });

  it('finds a line by cursor and writes plain text for download', () => {
    const store = new LogStore(10);
    store.append([line(1, 'stdout', '\u001b[32mok\u001b[0m'), line(2)]);
    expect(store.lineAt(1)!.line).toEqual({ timestamp: '2025-10-01T12:00:00.000Z', stream: 'stderr', message: 'line 2', cursor: 'c2' });
    expect(store.indexOfCursor('c2')).toBe(1);
    expect(store.indexOfCursor('nope')).toBe(-1);
    expect([...store.text()]).toEqual(['2025-10-01T12:00:00.000Z stdout ok\n', '2025-10-01T12:00:00.000Z stderr line 2\n']);
  });
});

describe('LogStore stack traces and levels', () => {
  const trace = (from: number, stream: 'stdout' | 'stderr' = 'stderr') => [
    line(from, stream, 'ERROR request failed'),
    line(from + 1, stream, 'java.lang.IllegalStateException: boom'),
    line(from + 2, stream, '\tat com.example.Service.run(Service.java:42)'),
    line(from + 3, stream, '\tat java.base/java.lang.Thread.run(Thread.java:1583)'),
  ];

  it('folds a trace under its first line, counts its lines, and unfolds it on request', () => {
    const store = new LogStore(100);
    store.append([line(1, 'stdout', 'INFO started'), ...trace(2), line(6, 'stdout', 'INFO next')]);
    expect(seqs(store)).toEqual([1, 2, 3, 6]);
    expect(store.lineAt(2)!.line.continued).toBe(2);
    store.toggleFold(store.lineAt(2)!.n);
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5, 6]);
    store.toggleFold(store.lineAt(2)!.n);
    expect(seqs(store)).toEqual([1, 2, 3, 6]);
  });

  it('keeps a trace together while lines of the other stream arrive between its lines', () => {
    const store = new LogStore(100);
    const [a, b, c, d] = trace(1);
    store.append([a!, b!, line(10, 'stdout', 'INFO between'), c!, d!]);
    expect(seqs(store)).toEqual([1, 2, 10]);
    expect([...store.continuations(store.lineAt(1)!.n)].map((l) => l.cursor)).toEqual(['c3', 'c4']);
  });

  it('downloads a folded trace with its lines', () => {
    const store = new LogStore(100);
    store.append(trace(1));
    expect([...store.text()].map((t) => t.trim().split(' ').slice(2).join(' '))).toEqual([
      'ERROR request failed', 'java.lang.IllegalStateException: boom',
      '\tat com.example.Service.run(Service.java:42)', '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
    ]);
  });

  it('filters by level, most severe first, a trace going with its first line', () => {
    const store = new LogStore(100);
    store.append([
      line(1, 'stdout', '{"level":"info","msg":"up"}'),
      line(2, 'stdout', 'level=warn msg=slow'),
      line(3, 'stdout', '[DEBUG] cache miss'),
      line(4, 'stdout', 'no level at all'),
      line(5, 'stderr', 'Error: boom'),
      line(6, 'stderr', '    at f (x.js:1:1)'),
    ]);
    store.toggleFold(store.lineAt(4)!.n);
    store.setFilter('all', '', 'warn');
    expect(seqs(store)).toEqual([2, 5, 6]);
    store.append([line(7, 'stdout', 'ERROR:root:failed')]);
    expect(seqs(store)).toEqual([2, 5, 6, 7]);
    store.setFilter('all', '', 'info');
    expect(seqs(store)).toEqual([1, 2, 5, 6, 7]);
    store.setFilter('all', '', undefined);
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('counts a trace whose first line states no level as an error, also when the trace arrives under the filter', () => {
    const store = new LogStore(100);
    store.setFilter('all', '', 'error');
    store.append([line(1, 'stderr', 'java.lang.IllegalStateException: boom'), line(2, 'stdout', 'plain')]);
    expect(seqs(store)).toEqual([]);
    store.append([line(3, 'stderr', '\tat com.example.Service.run(Service.java:42)')]);
    expect(seqs(store)).toEqual([1]);
  });

  it('a trace whose first line is an error is kept by the error filter', () => {
    const store = new LogStore(100);
    store.append([line(1, 'stderr', 'ERROR:root:division failed'), line(2, 'stderr', 'Traceback (most recent call last):'),
      line(3, 'stderr', '  File "/app/main.py", line 3, in <module>'), line(4, 'stderr', 'ZeroDivisionError: division by zero')]);
    store.setFilter('all', '', 'error');
    expect(seqs(store)).toEqual([1]);
    store.toggleFold(store.lineAt(0)!.n);
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
  });
});
