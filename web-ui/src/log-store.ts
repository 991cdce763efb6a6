import type { Log } from '@envstream/client';
import { RingBuffer } from './ring-buffer.js';
import { stripAnsi } from './ansi.js';
import { continues, LEVELS, levelOf, type Level } from './log-format.js';

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
  /** A line continuing a stack trace: the number of the trace's first line (same stream). */
  head?: number;
  /** A trace's first line: how many lines continue it. */
  continued?: number;
  /** The level the line states, once asked (null: none). */
  level?: Level | null;
}

/** The message without ANSI codes, stripped only when it has some. */
export function plain(message: string): string {
  return message.includes('\u001b') ? stripAnsi(message) : message;
}

/**
 * The level a line states (read once and kept on it); a stack trace's first line that states none (an exception's own
 * line, as Java and Node print it) counts as an error.
 */
export function lineLevel(line: Line): Level | undefined {
  if (line.level === undefined) line.level = levelOf(plain(line.message)) ?? null;
  return line.level ?? (line.continued ? 'error' : undefined);
}

export function keep(log: Log): Line {
  return { timestamp: log.timestamp, stream: log.stream, message: log.message, cursor: log.meta.cursor };
}

/** Lines the UI keeps at most, whatever the rate and however long it runs (the UI goal: ≤ 50k). */
export const DEFAULT_CAPACITY = 50_000;

/**
 * The log viewer's model: the last `capacity` lines in a ring buffer, the subset the stream toggle, the search and
 * the level filter let through (kept incrementally, so a new line costs O(1)), stack traces folded under their first
 * line until unfolded, and a pause that freezes what is shown while lines keep arriving and are counted as "new".
 */
export class LogStore {
  readonly buffer: RingBuffer<Line>;
  private stream: StreamChoice = 'all';
  private search = '';
  /** Shown: lines of this level or more severe (and the traces they head); undefined: every line. */
  private minLevel: Level | undefined;
  /** First lines of the traces shown unfolded. */
  private readonly unfolded = new Set<number>();
  /** Per stream: the number of the last line that is not a continuation, and whether the last line continued. */
  private readonly lastHead: Partial<Record<Line['stream'], number>> = {};
  private readonly lastContinued: Partial<Record<Line['stream'], boolean>> = {};
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

  get filter(): { stream: StreamChoice; search: string; level: Level | undefined } {
    return { stream: this.stream, search: this.search, level: this.minLevel };
  }

  append(lines: readonly Log[]): void {
    let folded = false;
    let leveled = false;
    for (const log of lines) {
      const line = keep(log);
      const n = this.buffer.push(line);
      const head = this.group(line, n);
      folded ||= head !== undefined && !this.unfolded.has(head);
      // a first line the level filter left out for stating no level is an error now that a trace follows it
      leveled ||= head !== undefined && this.minLevel !== undefined && this.buffer.at(head)!.continued === 1 && this.buffer.at(head)!.level === null;
      if (this.matches !== null && this.accepts(line)) this.matches.push(n);
    }
    if ((folded && this.matches === null) || leveled) this.refilter();
    this.dropFallenOut();
  }

  /** Whether the trace headed by line `n` is shown unfolded. */
  isUnfolded(n: number): boolean {
    return this.unfolded.has(n);
  }

  /** Shows or hides the lines continuing line `n`. */
  toggleFold(n: number): void {
    if (!this.unfolded.delete(n)) this.unfolded.add(n);
    this.refilter();
  }

  /** The lines continuing line `n`, oldest first (those still held). */
  *continuations(n: number): IterableIterator<Line> {
    const head = this.buffer.at(n);
    let left = head?.continued ?? 0;
    for (let m = Math.max(n + 1, this.buffer.first); left > 0 && m < this.buffer.end; m++) {
      const line = this.buffer.at(m)!;
      if (line.head === n) {
        left--;
        yield line;
      }
    }
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

  setFilter(stream: StreamChoice, search: string, level?: Level): void {
    this.stream = stream;
    this.search = search.toLowerCase();
    this.minLevel = level;
    this.refilter();
  }

  /** The number after the last line shown: what a pause holds, or every line held while not paused. */
  get shownEnd(): number {
    return this.frozenEnd ?? this.buffer.end;
  }

  /**
   * Holds what is shown to the lines numbered below `end`: by default every line held, but a view passes the end it
   * last drew, since lines received after its last draw are not on screen yet. Later lines are pending until resumed.
   */
  pause(end = this.buffer.end): void {
    this.frozenEnd ??= Math.min(end, this.buffer.end);
  }

  resume(): void {
    this.frozenEnd = undefined;
  }

  /** The shown lines as plain text, one per line, a folded trace with its lines (for download). */
  *text(): IterableIterator<string> {
    const text = (line: Line) => `${line.timestamp} ${line.stream} ${stripAnsi(line.message)}\n`;
    for (let i = 0; i < this.length; i++) {
      const { n, line } = this.lineAt(i)!;
      yield text(line);
      if (line.continued && !this.unfolded.has(n)) for (const continuation of this.continuations(n)) yield text(continuation);
    }
  }

  /** Sets `line.head` when it continues a trace of its stream, and counts it on the trace's first line. */
  private group(line: Line, n: number): number | undefined {
    const head = this.lastHead[line.stream];
    const headLine = head === undefined ? undefined : this.buffer.at(head);
    // only lines that may continue a trace are stripped of ANSI codes: most lines start with neither
    const continuing = headLine !== undefined && continues(plain(line.message), this.lastContinued[line.stream] ?? false);
    this.lastContinued[line.stream] = continuing;
    if (!continuing) {
      this.lastHead[line.stream] = n;
      return undefined;
    }
    line.head = head;
    headLine.continued = (headLine.continued ?? 0) + 1;
    return head;
  }

  private refilter(): void {
    this.head = 0;
    const folded = (n: number) => this.buffer.at(n)?.head;
    let needed = this.stream !== 'all' || this.search !== '' || this.minLevel !== undefined;
    for (let n = this.buffer.first; !needed && n < this.buffer.end; n++) {
      const head = folded(n);
      needed = head !== undefined && !this.unfolded.has(head);
    }
    if (!needed) {
      this.matches = null;
      return;
    }
    const matches: number[] = [];
    for (let n = this.buffer.first; n < this.buffer.end; n++) {
      if (this.accepts(this.buffer.at(n)!)) matches.push(n);
    }
    this.matches = matches;
  }

  private accepts(line: Line): boolean {
    if (this.stream !== 'all' && line.stream !== this.stream) return false;
    // a trace's lines go with its first line: folded unless unfolded, of its level
    const headLine = line.head === undefined ? undefined : this.buffer.at(line.head);
    if (headLine !== undefined && !this.unfolded.has(line.head!)) return false;
    if (this.minLevel !== undefined) {
      const level = lineLevel(headLine ?? line);
      if (level === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(this.minLevel)) return false;
    }
    return this.search === '' || plain(line.message).toLowerCase().includes(this.search);
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
