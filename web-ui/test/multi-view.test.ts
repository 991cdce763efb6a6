import { describe, expect, it } from 'vitest';
import { formatMultiRoute, parseMultiRoute } from '../src/multi-view.js';

describe('merged and split routes', () => {
  it('reads the view and its environments, each once', () => {
    expect(parseMultiRoute('#/merged?envs=web,db,web')).toEqual({ kind: 'merged', environments: ['web', 'db'] });
    expect(parseMultiRoute('#/split?envs=a%20b,c')).toEqual({ kind: 'split', environments: ['a b', 'c'] });
    expect(parseMultiRoute('#/merged')).toEqual({ kind: 'merged', environments: [] });
    expect(parseMultiRoute('#/env/web')).toBeUndefined();
    expect(parseMultiRoute('')).toBeUndefined();
  });

  it('writes what it reads', () => {
    const route = { kind: 'merged' as const, environments: ['a b', 'c'] };
    expect(parseMultiRoute(formatMultiRoute(route))).toEqual(route);
    expect(formatMultiRoute({ kind: 'split', environments: [] })).toBe('#/split');
  });
});
