import type { Alert } from '@envstream/client';
import { describe, expect, it } from 'vitest';
import { AlertList, kindLabel } from '../src/alert-list.js';

const alert = (id: string, kind: Alert['kind'] = 'LOG_PATTERN'): Alert => ({
  type: 'alert', id, ruleId: 7, rule: 'errors', kind, summary: `summary of ${id}`, observed: 5, threshold: 5,
  windowStart: '2026-01-01T10:00:00Z', fired: '2026-01-01T10:00:31Z',
});

describe('AlertList', () => {
  it('shows the newest first and keeps at most its capacity', () => {
    const list = new AlertList(2);
    ['a', 'b', 'c'].forEach((id) => expect(list.add(alert(id))).toBe(true));
    expect(list.shown.map((a) => a.id)).toEqual(['c', 'b']);
  });

  it('shows a firing once however often its id comes', () => {
    const list = new AlertList(5);
    list.add(alert('7:web:1'));
    expect(list.add(alert('7:web:1'))).toBe(false);
    list.add(alert('7:web:2'));
    expect(list.shown.map((a) => a.id)).toEqual(['7:web:2', '7:web:1']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new AlertList(0)).toThrow(/positive integer/);
  });

  it('names each kind in words', () => {
    expect([kindLabel('LOG_PATTERN'), kindLabel('METRIC_THRESHOLD'), kindLabel('LIFECYCLE')]).toEqual(['log pattern', 'metric threshold', 'lifecycle']);
  });
});
