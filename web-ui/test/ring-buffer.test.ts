import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../src/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the last capacity items, addressed by their number', () => {
    const buffer = new RingBuffer<string>(3);
    ['a', 'b', 'c', 'd', 'e'].forEach((item) => buffer.push(item));
    expect([buffer.first, buffer.end, buffer.size]).toEqual([2, 5, 3]);
    expect([...buffer]).toEqual(['c', 'd', 'e']);
    expect([buffer.at(1), buffer.at(2), buffer.at(4), buffer.at(5)]).toEqual([undefined, 'c', 'e', undefined]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/);
  });
});
