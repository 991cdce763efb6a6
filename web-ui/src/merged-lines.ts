import type { Log } from '@envstream/client';

/** A line of the merged view: a log line tagged with its environment. */
export interface MergedLine {
  environmentId: string;
  timestamp: string;
  stream: 'stdout' | 'stderr';
  message: string;
}

/** Milliseconds since the epoch of an RFC 3339 time (its fraction beyond the millisecond ignored). */
function timeOf(timestamp: string): number {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? 0 : time;
}

/**
 * The lines of several environments in one list ordered by time: each environment's lines arrive in their own order
 * (the protocol's cursor order), and a line is put after every held line of the same or an earlier time, so lines of
 * one environment never swap and a late line of another lands where its time says. Holds the newest `capacity`.
 */
export class MergedLines {
  private lines: MergedLine[] = [];
  private times: number[] = [];
  /** Lines ever added; a view redraws when it changes. */
  added = 0;

  constructor(readonly capacity = 50_000) {}

  get length(): number {
    return this.lines.length;
  }

  at(index: number): MergedLine | undefined {
    return this.lines[index];
  }

  add(environmentId: string, logs: readonly Log[]): void {
    for (const log of logs) {
      const time = timeOf(log.timestamp);
      const index = this.upperBound(time);
      const line: MergedLine = { environmentId, timestamp: log.timestamp, stream: log.stream, message: log.message };
      if (index === this.lines.length) {
        this.lines.push(line);
        this.times.push(time);
      } else {
        this.lines.splice(index, 0, line);
        this.times.splice(index, 0, time);
      }
      this.added++;
    }
    // dropped in chunks, so that a full list does not shift its arrays on every line
    if (this.lines.length > this.capacity + Math.ceil(this.capacity / 10)) {
      const drop = this.lines.length - this.capacity;
      this.lines = this.lines.slice(drop);
      this.times = this.times.slice(drop);
    }
  }

  /** The held lines, oldest first. */
  *[Symbol.iterator](): IterableIterator<MergedLine> {
    yield* this.lines;
  }

  /** The index after the last line at or before `time` (searched from the end, where new lines usually go). */
  private upperBound(time: number): number {
    const last = this.times.length - 1;
    if (last < 0 || this.times[last]! <= time) return this.times.length;
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= time) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
