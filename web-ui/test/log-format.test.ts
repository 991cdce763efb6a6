import { describe, expect, it } from 'vitest';
import { continues, jsonFields, jsonSummary, levelNamed, levelOf } from '../src/log-format.js';

describe('levelOf', () => {
  it('reads JSON level fields, names and pino numbers', () => {
    expect(levelOf('{"level":"ERROR","msg":"boom"}')).toBe('error');
    expect(levelOf('{"severity":"warning","message":"slow"}')).toBe('warn');
    expect(levelOf('{"level":30,"msg":"started"}')).toBe('info');
    expect(levelOf('{"level":20}')).toBe('debug');
    expect(levelOf('{"lvl":"crit"}')).toBe('error');
    expect(levelOf('{"msg":"no level"}')).toBeUndefined();
  });

  it('reads logfmt level=', () => {
    expect(levelOf('ts=2025-10-01T12:00:00Z level=warn msg="disk almost full"')).toBe('warn');
    expect(levelOf('time="2025" level="error" msg=x')).toBe('error');
    expect(levelOf('lvl=dbug msg=x')).toBeUndefined();
  });

  it('reads a bracketed level near the start', () => {
    expect(levelOf('2025-10-01 12:00:00 [ERROR] connection refused')).toBe('error');
    expect(levelOf('[warn] retrying')).toBe('warn');
    expect(levelOf('[main] [INFO] o.s.Boot - started')).toBe('info');
  });

  it('reads a leading level word, alone or after a timestamp', () => {
    expect(levelOf('ERROR something failed')).toBe('error');
    expect(levelOf('ERROR:root:division by zero')).toBe('error');
    expect(levelOf('2025-10-01T12:00:00.123Z  WARN 1 --- [main] o.s.Boot : slow')).toBe('warn');
    expect(levelOf('2025-10-01 12:00:00,123 DEBUG cache miss')).toBe('debug');
    expect(levelOf('INFO: Started')).toBe('info');
  });

  it('does not take an ordinary word for a level', () => {
    expect(levelOf('an error occurred in the info desk')).toBeUndefined();
    expect(levelOf('web seq=12 ts=1700000000000 xxxxx')).toBeUndefined();
    expect(levelOf('Errors: 0')).toBeUndefined();
  });

  it('names levels as the formats spell them', () => {
    expect(['FATAL', 'Warning', 'notice', 'TRACE', 'bogus'].map(levelNamed)).toEqual(['error', 'warn', 'info', 'debug', undefined]);
    expect([60, 45, 10].map(levelNamed)).toEqual(['error', 'warn', 'debug']);
  });
});

describe('jsonFields', () => {
  it('parses a line that is one JSON object, and nothing else', () => {
    expect(jsonFields(' {"a":1,"b":{"c":true}} ')).toEqual({ a: 1, b: { c: true } });
    expect(jsonFields('[1,2]')).toBeUndefined();
    expect(jsonFields('{not json}')).toBeUndefined();
    expect(jsonFields('prefix {"a":1}')).toBeUndefined();
  });

  it('summarises by the message field, leaving out the level', () => {
    expect(jsonSummary({ level: 'info', msg: 'started', port: 3000 })).toEqual({ message: 'started', rest: [['port', 3000]] });
    expect(jsonSummary({ code: 7 })).toEqual({ message: undefined, rest: [['code', 7]] });
  });
});

/** Which lines of a trace continue the one before, as the store decides them one by one. */
function grouped(lines: string[]): boolean[] {
  let previous = false;
  return lines.map((line) => (previous = continues(line, previous)));
}

describe('continues', () => {
  it('groups a Java stack trace with its causes under its first line', () => {
    expect(grouped([
      'java.lang.IllegalStateException: boom',
      '\tat com.example.Service.run(Service.java:42)',
      '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
      'Caused by: java.io.IOException: disk',
      '\tat com.example.Disk.write(Disk.java:7)',
      '\t... 1 more',
      'INFO next request',
    ])).toEqual([false, true, true, true, true, true, false]);
  });

  it('groups a Python traceback under the log line before it, up to the exception', () => {
    expect(grouped([
      'ERROR:root:division failed',
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 3, in <module>',
      '    print(1 / 0)',
      'ZeroDivisionError: division by zero',
      'INFO:root:next',
    ])).toEqual([false, true, true, true, true, false]);
  });

  it('groups a Node error with its frames', () => {
    expect(grouped([
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'listening on 3000',
    ])).toEqual([false, true, true, false]);
  });

  it('leaves indented and exception-like lines alone outside a trace', () => {
    expect(grouped(['  indented on its own', 'ValueError: handled and logged'])).toEqual([false, false]);
  });
});
