import { describe, expect, it } from 'vitest';
import { FONT_SIZES, forgetSession, saveSession, savedFontSize, savedSession, stepFontSize } from '../src/terminal-session.js';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

describe('terminal session', () => {
  it('is kept per environment until forgotten', () => {
    const store = memory();
    saveSession(store, 'web', 's1');
    saveSession(store, 'db', 's2');
    expect(savedSession(store, 'web')).toBe('s1');
    forgetSession(store, 'web');
    expect(savedSession(store, 'web')).toBeUndefined();
    expect(savedSession(store, 'db')).toBe('s2');
  });
});

describe('terminal font size', () => {
  it('starts at the default, or at a stored size within the limits', () => {
    const store = memory();
    expect(savedFontSize(store)).toBe(FONT_SIZES.default);
    store.setItem('envstream.terminal.fontSize', '20');
    expect(savedFontSize(store)).toBe(20);
    for (const bad of ['7', '33', '12.5', 'big']) {
      store.setItem('envstream.terminal.fontSize', bad);
      expect(savedFontSize(store)).toBe(FONT_SIZES.default);
    }
  });

  it('steps within the limits and is stored', () => {
    const store = memory();
    expect(stepFontSize(store, 13, 1)).toBe(14);
    expect(savedFontSize(store)).toBe(14);
    expect(stepFontSize(store, FONT_SIZES.max, 1)).toBe(FONT_SIZES.max);
    expect(stepFontSize(store, FONT_SIZES.min, -1)).toBe(FONT_SIZES.min);
  });
});
