import { describe, expect, it } from 'vitest';
import { addMarker, appendSample, markerColourVariable, markerLabel, restartMarkers, WINDOW_SECONDS } from '../src/status-chart.js';

describe('appendSample', () => {
  it('adds newer samples and skips those held already (the history sent again after a reconnect)', () => {
    const data: number[][] = [[], []];
    expect(appendSample(data, [10, 1])).toBe(true);
    expect(appendSample(data, [20, 2])).toBe(true);
    expect(appendSample(data, [10, 1])).toBe(false);
    expect(appendSample(data, [20, 2])).toBe(false);
    expect(appendSample(data, [30, 3])).toBe(true);
    expect(data).toEqual([[10, 20, 30], [1, 2, 3]]);
  });

  it('keeps only the last 15 minutes before the newest sample', () => {
    const data: number[][] = [[], []];
    appendSample(data, [0, 1]);
    appendSample(data, [100, 2]);
    appendSample(data, [WINDOW_SECONDS + 50, 3]);
    expect(data).toEqual([[100, WINDOW_SECONDS + 50], [2, 3]]);
  });
});

describe('markers', () => {
  it('marks each change once, the state sent again on reconnect included only once', () => {
    let markers = addMarker([], { t: 100, status: 'running' }, 100);
    markers = addMarker(markers, { t: 200, status: 'exited', exitCode: 3 }, 200);
    markers = addMarker(markers, { t: 200, status: 'exited', exitCode: 3 }, 210);
    markers = addMarker(markers, { t: 220, status: 'running' }, 220);
    expect(markers.map(markerLabel)).toEqual(['running', 'exited (3)', 'running']);
  });

  it('marks the restarts the activity counted before the page opened, a minute each, in time order with the live ones', () => {
    const bucket = (start: string, restarts: number) => ({ start, lines: { stdout: 1, stderr: 0 }, errors: 0, warnings: 0, restarts });
    const history = restartMarkers({ buckets: [bucket('2026-01-01T10:00:00Z', 0), bucket('2026-01-01T10:01:00Z', 1), bucket('2026-01-01T10:02:00Z', 2)] });
    expect(history).toEqual([
      { t: Date.parse('2026-01-01T10:01:00Z') / 1000, status: 'restarting', restarts: 1 },
      { t: Date.parse('2026-01-01T10:02:00Z') / 1000, status: 'restarting', restarts: 2 },
    ]);
    const now = Date.parse('2026-01-01T10:05:00Z') / 1000;
    // the live current state arrived first (running since 10:02:30); the history comes after it
    let markers = addMarker([], { t: Date.parse('2026-01-01T10:02:30Z') / 1000, status: 'running' }, now);
    history.forEach((marker) => (markers = addMarker(markers, marker, now)));
    history.forEach((marker) => (markers = addMarker(markers, marker, now)));
    expect(markers.map(markerLabel)).toEqual(['restarted', 'restarted ×2', 'running']);
  });

  it('forgets the changes older than the window', () => {
    const markers = addMarker([{ t: 0, status: 'running' }], { t: WINDOW_SECONDS + 1, status: 'restarting' }, WINDOW_SECONDS + 1);
    expect(markers.map((marker) => marker.status)).toEqual(['restarting']);
  });

  it('colours a state by where it leads: down red, in between amber, up green', () => {
    expect(['exited', 'dead', 'restarting', 'running'].map((status) => markerColourVariable(status as 'exited')))
      .toEqual(['--ansi-red', '--ansi-red', '--ansi-yellow', '--ansi-green']);
  });
});
