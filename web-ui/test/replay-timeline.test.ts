import { describe, expect, it } from 'vitest';
import { barHeights, clock, localTimeToIso, parseSpeed } from '../src/replay-timeline.js';

const bucket = (stdout: number, stderr = 0) => ({ start: '2025-10-01T12:00:00Z', lines: { stdout, stderr }, errors: 0, warnings: 0, restarts: 0 });

describe('replay timeline', () => {
  it('scales bars to the busiest minute, an empty minute flat and a quiet one still visible', () => {
    expect(barHeights([bucket(0), bucket(50, 50), bucket(10), bucket(0, 0)], 40)).toEqual([0, 40, 4, 0]);
    expect(barHeights([bucket(1), bucket(10_000)], 40)).toEqual([1, 40]);
    expect(barHeights([], 40)).toEqual([]);
  });

  it('knows the protocol\'s speeds and no other', () => {
    expect(['1', '10', '100', 'max'].map(parseSpeed)).toEqual([1, 10, 100, 'max']);
    expect(['0', '1000', 'fast', ''].map(parseSpeed)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('turns a datetime-local value into an RFC 3339 time, refusing a bad one', () => {
    const iso = localTimeToIso('2025-10-01T12:30:15');
    expect(iso).toMatch(/^2025-10-01T\d\d:30:15\.000Z$/);
    expect(new Date(iso!).getTime()).toBe(new Date(2025, 9, 1, 12, 30, 15).getTime());
    expect(localTimeToIso('')).toBeUndefined();
    expect(localTimeToIso('yesterday')).toBeUndefined();
  });

  it('says a time as HH:MM:SS in the browser\'s zone, as toLocaleTimeString does', () => {
    const at = '2025-10-01T12:30:15.250Z';
    expect(clock(at)).toBe(new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }));
    expect(clock(at)).toMatch(/^\d\d:\d\d:15$/);
  });
});
