import { describe, expect, it } from 'vitest';
import { fuzzyMatch, fuzzyScore } from '../src/fuzzy.js';

describe('fuzzyScore', () => {
  it('matches the query as a subsequence, whatever the case', () => {
    expect(fuzzyScore('pmt', 'PayMenTs')).toBeDefined();
    expect(fuzzyScore('tmp', 'payments')).toBeUndefined();
  });

  it('ranks adjacent characters and word starts above scattered ones', () => {
    expect(fuzzyScore('pay', 'payments')!).toBeGreaterThan(fuzzyScore('pay', 'spray')!);
    expect(fuzzyScore('api', 'web-api')!).toBeGreaterThan(fuzzyScore('api', 'rapid')!);
  });

  it('prefers the shorter of two texts that match alike', () => {
    expect(fuzzyScore('web', 'web')!).toBeGreaterThan(fuzzyScore('web', 'web-2')!);
  });
});

describe('fuzzyMatch', () => {
  const fields = ['env-0042', 'checkout', 'demo:local', 'team=blue', 'host-3'];

  it('needs every word to match some field', () => {
    expect(fuzzyMatch('check host-3', fields)).toBeDefined();
    expect(fuzzyMatch('check host-9', fields)).toBeUndefined();
  });

  it('finds labels and images as well as names', () => {
    expect(fuzzyMatch('blue', fields)).toBeDefined();
    expect(fuzzyMatch('demo', fields)).toBeDefined();
  });

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('  ', fields)).toBe(0);
  });
});
