import type { Environment } from '@envstream/client';
import { describe, expect, it } from 'vitest';
import { fleetRows, labelKeys, linesPerSecond, sparklinePoints, statusCounts } from '../src/fleet.js';

const environment = (id: string, more: Partial<Environment> = {}): Environment => ({
  id, name: id, image: 'demo:local', hostId: 'host-1', owner: 'ann', team: 'blue', status: 'running', exitCode: null,
  health: null, statusAt: null, removed: false, permissions: ['read'], ...more,
});

const fleet = [
  environment('web-1', { hostId: 'host-2', labels: { tier: 'front' } }),
  environment('api-1', { status: 'exited', labels: { tier: 'back' } }),
  environment('api-2', { team: null }),
  environment('old', { removed: true }),
];

const shown = (rows: ReturnType<typeof fleetRows>) =>
  rows.map((row) => (row.kind === 'group' ? `[${row.name} ${row.count}]` : row.environment.id));

describe('fleetRows', () => {
  it('groups by host, groups sorted by name, environments by id, removed ones left out', () => {
    expect(shown(fleetRows(fleet, '', 'host'))).toEqual(['[host-1 2]', 'api-1', 'api-2', '[host-2 1]', 'web-1']);
  });

  it('groups by team, status or a label, naming what is missing', () => {
    expect(shown(fleetRows(fleet, '', 'team'))).toEqual(['[(no team) 1]', 'api-2', '[blue 2]', 'api-1', 'web-1']);
    expect(shown(fleetRows(fleet, '', 'status'))).toEqual(['[exited 1]', 'api-1', '[running 2]', 'api-2', 'web-1']);
    expect(shown(fleetRows(fleet, '', 'label:tier'))).toEqual(['[(no tier) 1]', 'api-2', '[back 1]', 'api-1', '[front 1]', 'web-1']);
  });

  it('keeps only what the search matches, by name, label or host', () => {
    expect(shown(fleetRows(fleet, 'api', 'host'))).toEqual(['[host-1 2]', 'api-1', 'api-2']);
    expect(shown(fleetRows(fleet, 'tier=front', 'host'))).toEqual(['[host-2 1]', 'web-1']);
    expect(shown(fleetRows(fleet, 'host-2', 'team'))).toEqual(['[blue 1]', 'web-1']);
    expect(fleetRows(fleet, 'nothing-like-it', 'host')).toEqual([]);
  });

  it('puts the group with the best match first', () => {
    expect(shown(fleetRows(fleet, 'web', 'host'))[0]).toBe('[host-2 1]');
  });

  it('shows removed environments when asked', () => {
    expect(shown(fleetRows(fleet, 'old', 'status', true))).toEqual(['[removed 1]', 'old']);
  });
});

describe('statusCounts', () => {
  it('counts the shown environments by status, most common first', () => {
    expect(statusCounts(fleetRows(fleet, '', 'host'))).toEqual([['running', 2], ['exited', 1]]);
  });
});

describe('labelKeys', () => {
  it('lists each key once, sorted', () => {
    expect(labelKeys([environment('a', { labels: { tier: 'x', app: 'y' } }), environment('b', { labels: { tier: 'z' } }), environment('c')])).toEqual(['app', 'tier']);
  });
});

describe('sparklines', () => {
  it('scales the points to the largest value, y downwards', () => {
    expect(sparklinePoints([0, 5, 10], 100, 21)).toBe('0.0,21.0 50.0,11.0 100.0,1.0');
  });

  it('draws a flat line at the bottom when nothing happened', () => {
    expect(sparklinePoints([0, 0], 10, 20)).toBe('0.0,20.0 10.0,20.0');
  });

  it('turns lines per step into lines per second, both streams', () => {
    const bucket = (stdout: number, stderr: number) => ({ start: '', lines: { stdout, stderr }, errors: 0, warnings: 0, restarts: 0 });
    expect(linesPerSecond([bucket(60, 60), bucket(0, 30)], 60)).toEqual([2, 0.5]);
  });
});
