/* eslint-disable */
/**
 * envstream WebSocket protocol v1 messages, generated from
 * schemas/src/main/resources/protocol/json-schema by scripts/generate-messages.mjs.
 * Do not edit: run `npm run generate` after changing a schema.
 */

/**
 * Server → client messages on /api/v1/ws/environments/{id}/logs.
 */
export type LogsServerMessage = Log | Batch | Live | Gap | Lag | Replay | Error;
/**
 * Client → server messages on /api/v1/ws/environments/{id}/logs; anything else closes with 1008.
 */
export type LogsClientMessage = Pause | Resume | Filter | Seek | Speed;
/**
 * (ext) Move a paced replay, back or forward: to the lines at or after `since`, or strictly after the cursor `resume`. Queued lines are dropped; the next line is sent at once and paces the rest. While paused, the replay stays paused and its `resume` starts there. A bad value answers with an `error` (`invalid_seek`; `not_a_replay` on a connection opened without `speed` or `until`) and keeps the connection.
 */
export type Seek = SeekToATime | SeekToACursor;
/**
 * Server → client messages on /api/v1/ws/environments/{id}/terminal.
 */
export type TerminalServerMessage = Ready | Output | Exit;
/**
 * Client → server messages on /api/v1/ws/environments/{id}/terminal; anything else closes with 1008.
 */
export type TerminalClientMessage = Input | Resize | Detach;
/**
 * Server → client messages on /api/v1/ws/environments/{id}/status.
 */
export type StatusServerMessage = Status | Metrics | Alert;
/**
 * Client → server messages on /api/v1/ws/environments/{id}/status; anything else closes with 1008.
 */
export type StatusClientMessage = Subscribe | Unsubscribe;

export interface ProtocolMessages {
  'logs-server-message'?: LogsServerMessage;
  'logs-client-message'?: LogsClientMessage;
  'terminal-server-message'?: TerminalServerMessage;
  'terminal-client-message'?: TerminalClientMessage;
  'status-server-message'?: StatusServerMessage;
  'status-client-message'?: StatusClientMessage;
}
/**
 * One log line, sent live (a lone line may come as `log` instead of a `batch`). Also the item type of `batch.logs`.
 */
export interface Log {
  type: 'log';
  /**
   * Docker timestamp of the line.
   */
  timestamp: string;
  /**
   * Output stream a log line was written to.
   */
  stream: 'stdout' | 'stderr';
  /**
   * The line, without its trailing newline, after redaction.
   */
  message: string;
  /**
   * Where the line comes from and where it sits.
   */
  meta: {
    /**
     * Position of this line; lines of one environment arrive in strictly increasing cursor order, without duplicates.
     */
    cursor: string;
    /**
     * Docker id of the container that wrote the line.
     */
    container: string;
    /**
     * Id of the Docker host the line was read on.
     */
    host: string;
    /**
     * Per-container sequence number assigned by the collector.
     */
    seq: number;
  };
}
/**
 * Several log lines, oldest first. History arrives as batches (at most 100 lines each by default), live lines are batched after 100 lines or 100 ms. `count` equals the number of items in `logs`.
 */
export interface Batch {
  type: 'batch';
  /**
   * @minItems 1
   */
  logs: [Log, ...Log[]];
  /**
   * Number of lines in `logs`.
   */
  count: number;
}
/**
 * (ext) Marks the end of history or catch-up: what follows is the live tail.
 */
export interface Live {
  type: 'live';
}
/**
 * (ext) Part of the requested range is gone (or was skipped on request); `from` and `to` bound what is missing. Never silent.
 */
export interface Gap {
  type: 'gap';
  /**
   * Exclusive lower bound of the missing range: the last position the client has (the missing lines lie strictly after it).
   */
  from: string;
  /**
   * Exclusive upper bound of the missing range: the first position that is still there (the missing lines lie strictly before it).
   */
  to: string;
  /**
   * `retention`: removed by Kafka or PostgreSQL retention; `skipped`: the client asked `resume` with `from: "live"`; `reset`: the cursor belongs to another incarnation of the topic.
   */
  reason: 'retention' | 'skipped' | 'reset';
}
/**
 * (ext) This client has fallen behind the live tail and is catching up from Kafka.
 */
export interface Lag {
  type: 'lag';
  /**
   * How many lines behind the live tail.
   */
  behind: number;
}
/**
 * (ext) Where a paced replay (`speed` or `until` on connect) is: sent at least once a second while it runs, until it ends or joins live.
 */
export interface Replay {
  type: 'replay';
  /**
   * The position of the last line sent (or passed over by the filter): a `seek` with it as `resume` goes on from here.
   */
  cursor: string;
  /**
   * The original (container) time the replay has reached.
   */
  timestamp: string;
  /**
   * The speed it runs at.
   */
  speed: number | 'max';
}
/**
 * A client request could not be carried out (e.g. an invalid grep regex); the connection stays open.
 */
export interface Error {
  type: 'error';
  /**
   * Machine-readable snake_case code.
   */
  code: string;
  /**
   * Human-readable explanation.
   */
  message: string;
}
/**
 * Stop delivery; nothing is sent until `resume`.
 */
export interface Pause {
  action: 'pause';
}
/**
 * Continue from the last delivered line: nothing written during the pause is lost. (ext) With `from: "live"`, skip to the live tail instead; a `gap` message says what was skipped.
 */
export interface Resume {
  action: 'resume';
  from?: 'live';
}
/**
 * Change the filter from the next line on: `stream` and/or (ext) `grep`, a regular expression matched server-side (an empty string removes it; an invalid one answers with an `error` message).
 */
export interface Filter {
  action: 'filter';
  /**
   * Which output streams a client wants: both (all), or one of them.
   */
  stream?: 'all' | 'stdout' | 'stderr';
  /**
   * Keep only lines matching this regular expression; "" removes the grep filter.
   */
  grep?: string;
}
export interface SeekToATime {
  action: 'seek';
  /**
   * Go on with the first line at or after this time.
   */
  since: string;
}
export interface SeekToACursor {
  action: 'seek';
  /**
   * Go on strictly after this line.
   */
  resume: string;
}
/**
 * (ext) Change a paced replay's speed from where it is, without skipping or repeating. A value out of range answers with an `error` (`invalid_speed`) and keeps the connection.
 */
export interface Speed {
  action: 'speed';
  /**
   * The new speed.
   */
  speed: number | 'max';
}
/**
 * The PTY exists; `session` reattaches after a `detach`.
 */
export interface Ready {
  type: 'ready';
  /**
   * Id of a terminal session, usable as ?session= to reattach after a detach.
   */
  session: string;
}
/**
 * Bytes from the PTY as text; a UTF-8 character is never split across two messages.
 */
export interface Output {
  type: 'output';
  data: string;
}
/**
 * The shell exited with this code; the server then closes with 1000.
 */
export interface Exit {
  type: 'exit';
  code: number;
}
/**
 * Keystrokes for the PTY.
 */
export interface Input {
  type: 'input';
  data: string;
}
/**
 * New PTY size; programs inside see it.
 */
export interface Resize {
  type: 'resize';
  cols: number;
  rows: number;
}
/**
 * (ext) Keep the shell running for a grace period after the socket closes; reattach with ?session=.
 */
export interface Detach {
  type: 'detach';
}
/**
 * The environment's current state on connect, then every change.
 */
export interface Status {
  type: 'status';
  /**
   * Lifecycle state of the container that backs an environment.
   */
  status: 'created' | 'running' | 'paused' | 'restarting' | 'stopped' | 'exited' | 'dead' | 'removed';
  /**
   * When the state was observed.
   */
  timestamp: string;
  /**
   * (ext) Exit code of the container once it exited.
   */
  exitCode?: number;
  /**
   * (ext) Docker health check state.
   */
  health?: 'starting' | 'healthy' | 'unhealthy';
}
/**
 * Resource usage, every 5 s while the environment runs; the first sample after connecting also carries the recent ones (`recent`).
 */
export interface Metrics {
  type: 'metrics';
  /**
   * Percent of one core, summed over cores, as `docker stats` shows it.
   */
  cpu: number;
  /**
   * Memory in use, MiB.
   */
  memory: number;
  /**
   * Memory limit, MiB.
   */
  memoryLimit: number;
  network: Network;
  /**
   * When the sample was taken.
   */
  timestamp: string;
  /**
   * (ext) Only in the first sample after connecting: the environment's earlier samples of the last 15 minutes, oldest first (the message's own fields are the latest), so charts open with history. Each has the fields of a sample, without `type`. A client that ignores it sees the latest sample only.
   *
   * @maxItems 360
   */
  recent?: {
    /**
     * Percent of one core, summed over cores, as `docker stats` shows it.
     */
    cpu: number;
    /**
     * Memory in use, MiB.
     */
    memory: number;
    /**
     * Memory limit, MiB.
     */
    memoryLimit: number;
    network: Network;
    /**
     * When the sample was taken.
     */
    timestamp: string;
  }[];
}
export interface Network {
  /**
   * Bytes received since the container started.
   */
  rx: number;
  /**
   * Bytes sent since the container started.
   */
  tx: number;
}
/**
 * (ext) An alert rule fired for the environment: a record of envstream.alerts, pushed as it arrives to a client subscribed to `alerts`. Alerts are events: a client gets those that fire while it is connected, none from before.
 */
export interface Alert {
  type: 'alert';
  /**
   * ruleId:envId:windowStartMillis. The same firing always has the same id (the idempotency key of the alerts app's webhooks): a client that sees an id twice shows it once.
   */
  id: string;
  /**
   * Id of the rule that fired, in the alerts app's /api/v1/alert-rules.
   */
  ruleId: number;
  /**
   * Name of the rule when it fired.
   */
  rule: string;
  /**
   * What the rule watches: log lines matching a pattern, a metric over a threshold, or a lifecycle event (as the alerts app's rules name it).
   */
  kind: 'LOG_PATTERN' | 'METRIC_THRESHOLD' | 'LIFECYCLE';
  /**
   * One line for a person, e.g. "5 lines matched ERROR within 60 s".
   */
  summary: string;
  /**
   * What was seen: lines matched, the metric's value, or the number of restarts / the exit code.
   */
  observed: number;
  /**
   * The rule's limit that `observed` reached.
   */
  threshold: number;
  /**
   * Start of the window (or of the breach, or the event's time) the alert is about; a rule fires at most once per window.
   */
  windowStart: string;
  /**
   * Time of the record that made the rule fire.
   */
  fired: string;
}
/**
 * Receive these topics too (on connect the client is subscribed to status and metrics; alerts only when asked).
 */
export interface Subscribe {
  action: 'subscribe';
  /**
   * @minItems 1
   */
  topics: ['status' | 'metrics' | 'alerts', ...('status' | 'metrics' | 'alerts')[]];
}
/**
 * Stop receiving these topics.
 */
export interface Unsubscribe {
  action: 'unsubscribe';
  /**
   * @minItems 1
   */
  topics: ['status' | 'metrics' | 'alerts', ...('status' | 'metrics' | 'alerts')[]];
}
