/**
 * What a log line says beyond its text, read from the common formats: its level (error, warn, info, debug), the
 * fields of a JSON line, and whether it continues the line before it (a stack trace's frames). Pure functions on the
 * message without ANSI codes; the view calls them only for the rows it draws, the store only for what it must decide
 * on arrival (a continuation) or under a level filter.
 */

export type Level = 'error' | 'warn' | 'info' | 'debug';

/** Most severe first; a level filter shows its level and the ones before it. */
export const LEVELS: readonly Level[] = ['error', 'warn', 'info', 'debug'];

const WORDS: Record<string, Level> = {
  panic: 'error', fatal: 'error', crit: 'error', critical: 'error', emerg: 'error', alert: 'error', err: 'error', error: 'error', severe: 'error',
  warn: 'warn', warning: 'warn',
  info: 'info', notice: 'info', information: 'info',
  debug: 'debug', trace: 'debug', fine: 'debug', finer: 'debug', finest: 'debug', verbose: 'debug',
};

const LEVEL_WORD = 'PANIC|FATAL|CRIT(?:ICAL)?|EMERG|ALERT|ERR(?:OR)?|SEVERE|WARN(?:ING)?|INFO|NOTICE|DEBUG|TRACE|VERBOSE';
/** `level=warn`, `level="error"`, `lvl=info` (logfmt). */
const LOGFMT = /(?:^|\s)(?:level|lvl|severity)="?([A-Za-z]+)"?(?:\s|$)/i;
/** `[ERROR]`, `[warn]` in the first 60 characters. */
const BRACKETED = new RegExp(`^.{0,60}?\\[(${LEVEL_WORD})\\]`, 'i');
/** `ERROR ...`, `ERROR:root:...`, or after up to two time-like words: `2025-10-01 12:00:00.123  WARN 1 --- ...`. */
const LEADING = new RegExp(`^(?:[\\d:.,TZ/+-]+\\s+){0,2}(${LEVEL_WORD})\\b`);

/** A level name as the formats spell it (`WARNING`, `err`, pino's numbers 10 to 60), or undefined. */
export function levelNamed(value: unknown): Level | undefined {
  if (typeof value === 'number') {
    return value >= 50 ? 'error' : value >= 40 ? 'warn' : value >= 30 ? 'info' : 'debug';
  }
  return typeof value === 'string' ? WORDS[value.toLowerCase()] : undefined;
}

/** The fields of a line that is one JSON object, or undefined. */
export function jsonFields(message: string): Record<string, unknown> | undefined {
  const text = message.trim();
  if (text.length < 2 || text[0] !== '{' || text[text.length - 1] !== '}') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const JSON_LEVEL_KEYS = ['level', 'lvl', 'severity', 'log.level', 'loglevel', 'levelname'];
const JSON_MESSAGE_KEYS = ['msg', 'message', 'event', 'text'];

/** The level of a JSON line's fields. */
export function jsonLevel(fields: Record<string, unknown>): Level | undefined {
  for (const key of JSON_LEVEL_KEYS) {
    const level = levelNamed(fields[key]);
    if (level) return level;
  }
  return undefined;
}

/** A JSON line's message field and the rest, for a one-line summary. */
export function jsonSummary(fields: Record<string, unknown>): { message: string | undefined; rest: Array<[string, unknown]> } {
  const messageKey = JSON_MESSAGE_KEYS.find((key) => typeof fields[key] === 'string');
  const rest = Object.entries(fields).filter(([key]) => key !== messageKey && !JSON_LEVEL_KEYS.includes(key));
  return { message: messageKey ? (fields[messageKey] as string) : undefined, rest };
}

/** The level a line states, in JSON, logfmt, brackets or as its leading word; undefined when it states none. */
export function levelOf(message: string): Level | undefined {
  const fields = message.trimStart().startsWith('{') ? jsonFields(message) : undefined;
  if (fields) return jsonLevel(fields);
  const match = LOGFMT.exec(message) ?? BRACKETED.exec(message) ?? LEADING.exec(message);
  return match ? levelNamed(match[1]) : undefined;
}

/** Lines that only ever continue the one before: Java/Node frames, Java's causes, Python's traceback header. */
const CONTINUATION = /^(?:\s+at\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by: |\s+Suppressed: |Traceback \(most recent call last\):|\s+File ")/;
/** An exception's own line, as Python ends a traceback with (`ValueError: bad`) or Java starts a cause. */
const EXCEPTION_LINE = /^[A-Za-z_$][\w$.]*(?:Error|Exception|Exit|Interrupt|Warning|Throwable)(?::|$)/;

/**
 * Whether `message` continues the line before it (of the same stream) in a multi-line stack trace. `afterContinuation`:
 * the line before was itself a continuation, so an indented line (Python's source lines) or an exception's own line
 * (Python's last line) belongs to the same trace.
 */
export function continues(message: string, afterContinuation: boolean): boolean {
  if (CONTINUATION.test(message)) return true;
  return afterContinuation && (/^\s/.test(message) || EXCEPTION_LINE.test(message));
}
