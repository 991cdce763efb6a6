export * from './close-codes.js';
export * from './socket.js';
export * from './logs.js';
export * from './terminal.js';
export * from './status.js';
export * from './environments.js';
export * from './activity.js';
export * from './alert-rules.js';
export type {
  Alert,
  Batch,
  Detach,
  Error as ErrorMessage,
  Exit,
  Filter,
  Gap,
  Input,
  Lag,
  Live,
  Log,
  LogsClientMessage,
  LogsServerMessage,
  Metrics,
  Output,
  Pause,
  Ready,
  Replay,
  Resize,
  Resume,
  Seek,
  SeekToACursor,
  SeekToATime,
  Speed,
  Status,
  StatusClientMessage,
  StatusServerMessage,
  Subscribe,
  TerminalClientMessage,
  TerminalServerMessage,
  Unsubscribe,
} from './messages.js';
