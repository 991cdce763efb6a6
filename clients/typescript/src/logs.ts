import type {
  Batch,
  Error as ErrorMessage,
  Filter,
  Gap,
  Lag,
  Log,
  LogsClientMessage,
  LogsServerMessage,
  Replay,
  Seek,
} from './messages.js';
import { ManagedSocket, type ConnectionOptions } from './socket.js';

export type StreamFilter = NonNullable<Filter['stream']>;

/** A replay's pace: the original gaps between lines divided by this factor (0.25 to 100), or `max`. */
export type ReplaySpeed = Replay['speed'];

/** Where {@link LogsClient.seek} moves a replay: to a time, or strictly after a cursor. */
export type SeekTarget = { since: string } | { resume: string };

export interface LogsOptions extends ConnectionOptions {
  environmentId: string;
  /** `all` (default), `stdout` or `stderr`. */
  stream?: StreamFilter;
  /** History lines sent first (server default 100, max 10000). */
  tail?: number;
  /** Server-side regular expression (ext). */
  grep?: string;
  /** Start strictly after this cursor instead of with `tail` history (e.g. a permalink). */
  resume?: string;
  /** RFC 3339 time to replay from (ext). */
  since?: string;
  /**
   * With `since` or `resume`, replay as live (ext): the original gaps between lines divided by this factor, or `max`;
   * {@link LogsClient.seek} and {@link LogsClient.setSpeed} then control it.
   */
  speed?: ReplaySpeed;
  /** With `since` or `resume`, end the replay before this RFC 3339 time: the server closes with 1000 (ext). */
  until?: string;
}

/**
 * Log history and live stream of one environment. Remembers the cursor of the last line delivered and resumes from
 * it after a reconnect, so no line is lost or repeated; re-applies the stream and grep filters and a pause on every
 * new connection.
 */
export class LogsClient extends ManagedSocket<LogsServerMessage, LogsClientMessage> {
  private streamFilter: StreamFilter;
  private grep: string | undefined;
  private paused = false;
  private cursor: string | undefined;
  private speed: ReplaySpeed | undefined;
  private readonly lineListeners = new Set<(lines: Log[]) => void>();

  constructor(private readonly logsOptions: LogsOptions) {
    super(logsOptions);
    this.streamFilter = logsOptions.stream ?? 'all';
    this.grep = logsOptions.grep || undefined;
    this.cursor = logsOptions.resume;
    this.speed = logsOptions.speed;
  }

  /** Cursor of the last line delivered: resume point and permalink. */
  get lastCursor(): string | undefined {
    return this.cursor;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get filters(): { stream: StreamFilter; grep: string | undefined } {
    return { stream: this.streamFilter, grep: this.grep };
  }

  /** Lines in arrival order, whether they came as `log` or `batch`. */
  onLines(listener: (lines: Log[]) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  onLive(listener: () => void): () => void {
    return this.onMessage((message) => message.type === 'live' && listener());
  }

  onGap(listener: (gap: Gap) => void): () => void {
    return this.onMessage((message) => message.type === 'gap' && listener(message));
  }

  onLag(listener: (lag: Lag) => void): () => void {
    return this.onMessage((message) => message.type === 'lag' && listener(message));
  }

  /** Where a paced replay is (cursor and original time), at least once a second while it runs. */
  onReplay(listener: (replay: Replay) => void): () => void {
    return this.onMessage((message) => message.type === 'replay' && listener(message));
  }

  /** Requests the server could not carry out (e.g. an invalid grep); the connection stays open. */
  onError(listener: (error: ErrorMessage) => void): () => void {
    return this.onMessage((message) => message.type === 'error' && listener(message));
  }

  /** The server stops sending until {@link resume}; nothing written meanwhile is lost. */
  pause(): void {
    this.paused = true;
    this.send({ action: 'pause' });
  }

  /** Continues after the last delivered line, or with `fromLive` skips to the live tail (a `gap` says what). */
  resume(fromLive = false): void {
    this.paused = false;
    this.send(fromLive ? { action: 'resume', from: 'live' } : { action: 'resume' });
  }

  /** Changes the filters from the next line on; `grep: ''` removes the grep. */
  filter(change: { stream?: StreamFilter; grep?: string }): void {
    if (change.stream === undefined && change.grep === undefined) return;
    if (change.stream !== undefined) this.streamFilter = change.stream;
    if (change.grep !== undefined) this.grep = change.grep || undefined;
    const message: Filter = { action: 'filter' };
    if (change.stream !== undefined) message.stream = change.stream;
    if (change.grep !== undefined) message.grep = change.grep;
    this.send(message);
  }

  /**
   * Moves the replay back or forward (a connection opened with `speed` or `until`); queued lines are dropped and
   * the next line comes at once. A bad target answers with an `error` (`invalid_seek`).
   */
  seek(to: SeekTarget): void {
    const message: Seek = 'since' in to ? { action: 'seek', since: to.since } : { action: 'seek', resume: to.resume };
    this.send(message);
  }

  /** Changes the replay's speed from where it is; kept for reconnects. Out of range: an `error` (`invalid_speed`). */
  setSpeed(speed: ReplaySpeed): void {
    this.speed = speed;
    this.send({ action: 'speed', speed });
  }

  protected path(): string {
    return `/api/v1/ws/environments/${encodeURIComponent(this.logsOptions.environmentId)}/logs`;
  }

  protected query(): Record<string, string | number | undefined> {
    const first = this.cursor === undefined;
    return {
      stream: this.streamFilter === 'all' ? undefined : this.streamFilter,
      resume: this.cursor,
      tail: first ? this.logsOptions.tail : undefined,
      since: first ? this.logsOptions.since : undefined,
      speed: this.speed,
      until: this.logsOptions.until,
    };
  }

  protected override onOpen(): void {
    if (this.grep !== undefined) this.send({ action: 'filter', grep: this.grep });
    if (this.paused) this.send({ action: 'pause' });
  }

  protected override onServerMessage(message: LogsServerMessage): void {
    let lines: Log[];
    if (message.type === 'log') lines = [message];
    else if (message.type === 'batch') lines = (message as Batch).logs;
    else return;
    this.cursor = lines[lines.length - 1]!.meta.cursor;
    for (const listener of this.lineListeners) listener(lines);
  }
}
