import { describe, expect, it } from 'vitest';
import { backoffDelay, closeAction, describeClose } from '../src/close-codes.js';

describe('close codes', () => {
  it('retries exactly 1001, 1006, 1011 and 4429', () => {
    const retried = [1000, 1001, 1006, 1008, 1009, 1011, 4401, 4403, 4404, 4429].filter((code) => closeAction(code) === 'retry');
    expect(retried).toEqual([1001, 1006, 1011, 4429]);
  });

  it('asks for a fresh token on 4401 and stops on 4403, 4404, 1008, 1009 and 1000', () => {
    expect(closeAction(4401)).toBe('refresh-token');
    for (const code of [4403, 4404, 4409, 1008, 1009, 1000]) expect(closeAction(code)).toBe('stop');
  });

  it('retries the heartbeat timeout\'s 1000 and no other 1000', () => {
    expect(closeAction(1000, 'heartbeat timeout')).toBe('retry');
    for (const reason of ['', 'end of history', 'end of replay', 'shell exited', 'client closed']) expect(closeAction(1000, reason)).toBe('stop');
  });

  it('backs off 1, 2, 4, 8, 16 s and gives up after 5 retries', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt))).toEqual([1000, 2000, 4000, 8000, 16000, undefined]);
  });

  it('adds at most 20% jitter', () => {
    expect(backoffDelay(2, 0.5)).toBe(4400);
    expect(backoffDelay(4, 0.999)).toBeLessThanOrEqual(16000 * 1.2);
  });

  it('says the close in words with the server reason beside it', () => {
    expect(describeClose(4404, 'environment not found')).toBe('this environment (or terminal session) does not exist (environment not found)');
    expect(describeClose(4409)).toBe('this terminal session is attached elsewhere');
    expect(describeClose(1006)).toBe('the connection was lost');
    expect(describeClose(4999, '')).toBe('closed with code 4999');
  });
});
