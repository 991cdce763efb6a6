import type { Log } from '@envstream/client';
import { RingBuffer } from './ring-buffer.js';
import { stripAnsi } from './ansi.js';

export type StreamChoice = 'all' | 'stdout' | 'stderr';

/**
 * What the viewer keeps of a line: a protocol line less its container and host ids and sequence number, which the
 * view never shows; 50k lines of those were about 40 % of the page's heap and every byte kept is garbage collected.
 */
export interface Line {
  timestamp: string;
  stream: 'stdout' | 'stderr';
  message: string;
  cursor: string;
}

export function keep(log: Log): Line {
  return { timestamp: log.timestamp, stream: log.stream, message: log.message, cursor: log.meta.cursor };
}

/** Lines the UI keeps at most, whatever the rate and however long it runs (the UI goal: ≤ 50k). */
export const DEFAULT_CAPACITY = 50_000;

/**
 * The log viewer's model: the last `capacity` lines in a ring buffer, the subset the stream toggle and the search
 * let through (kept incrementally, so a new line costs O(1)), and a pause that freezes what is shown while lines keep
 * arriving and are counted as "new".
 */
export class LogStore {
  readonly buffer: RingBuffer<Line>;
  private stream: StreamChoice = 'all';
  private search = '';
  /** Numbers of the matching lines, ascending; null while nothing is filtered (every held line shows). */
  private matches: number[] | null = null;
  private head = 0;
  private frozenEnd: number | undefined;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.buffer = new RingBuffer<Line>(capacity);
  }

  get paused(): boolean {
    return this.frozenEnd !== undefined;
  }

  /** Lines that arrived since the pause (all of them, shown or filtered out once resumed). */
  get pending(): number {
    return this.frozenEnd === undefined ? 0 : this.buffer.end - this.frozenEnd;
  }

  get filter(): { stream: StreamChoice; search: string } {
    return { stream: this.stream, search: this.search };
  }

  append(lines: readonly Log[]): void {
    for (const log of lines) {
      const line = keep(log);
      const n = this.buffer.push(line);
      if (this.matches !== null && this.accepts(line)) this.matches.push(n);
    }
    this.dropFallenOut();
  }

  /** Number of lines shown. */
  get length(): number {
    const end = this.frozenEnd ?? this.buffer.end;
    if (this.matches === null) return Math.max(0, Math.min(end, this.buffer.end) - this.buffer.first);
    return this.countBelow(end) - this.head;
  }

  /** The `index`-th shown line and its number. */
  lineAt(index: number): { n: number; line: Line } | undefined {
    const n = this.matches === null ? this.buffer.first + index : this.matches[this.head + index];
    if (n === undefined) return undefined;
    const line = this.buffer.at(n);
    return line === undefined ? undefined : { n, line };
  }

  /** Index among the shown lines of the line with this cursor, or -1. */
  indexOfCursor(cursor: string): number {
    for (let i = this.length - 1; i >= 0; i--) {
      if (this.lineAt(i)?.line.cursor === cursor) return i;
    }
    return -1;
  }

  setFilter(stream: StreamChoice, search: string): void {
    this.stream = stream;
    this.search = search.toLowerCase();
    if (stream === 'all' && this.search === '') {
      this.matches = null;
      this.head = 0;
      return;
    }
    const matches: number[] = [];
    for (let n = this.buffer.first; n < this.buffer.end; n++) {
      if (this.accepts(this.buffer.at(n)!)) matches.push(n);
    }
    this.matches = matches;
    this.head = 0;
  }

  pause(): void {
    this.frozenEnd ??= this.buffer.end;
  }

  resume(): void {
    this.frozenEnd = undefined;
  }

  /** The shown lines as plain text, one per line (for download). */
  *text(): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) {
      const line = this.lineAt(i)!.line;
      yield `${line.timestamp} ${line.stream} ${stripAnsi(line.message)}\n`;
    }
  }

  private accepts(line: Line): boolean {
    if (this.stream !== 'all' && line.stream !== this.stream) return false;
    return this.search === '' || stripAnsi(line.message).toLowerCase().includes(this.search);
  }

  private countBelow(end: number): number {
    const matches = this.matches!;
    let low = this.head;
    let high = matches.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (matches[mid]! < end) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private dropFallenOut(): void {
    if (this.matches === null) return;
    const first = this.buffer.first;
    while (this.head < this.matches.length && this.matches[this.head]! < first) this.head++;
    if (this.head > 4096 && this.head * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.head);
      this.head = 0;
    }
  }
}
