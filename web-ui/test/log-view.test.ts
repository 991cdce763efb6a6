import { describe, expect, it } from 'vitest';
import { setText } from '../src/dom.js';
import { ROW_HEIGHT, rowsToDraw } from '../src/log-view.js';

describe('log view', () => {
  it('draws the rows in view and 10 more each side when a person scrolled', () => {
    expect(rowsToDraw(100 * ROW_HEIGHT, 40 * ROW_HEIGHT, 50_000, false)).toEqual({ from: 90, to: 150 });
    expect(rowsToDraw(0, 40 * ROW_HEIGHT, 50_000, false)).toEqual({ from: 0, to: 50 });
    expect(rowsToDraw(0, 40 * ROW_HEIGHT, 12, false)).toEqual({ from: 0, to: 12 });
  });

  it('draws only the rows in view while following the tail, a part-shown row included', () => {
    const count = 50_000;
    const height = 40 * ROW_HEIGHT + 5;
    expect(rowsToDraw(count * ROW_HEIGHT - height, height, count, true)).toEqual({ from: count - 41, to: count });
  });
});

describe('setText', () => {
  it('writes an element\'s text only when it differs', () => {
    let writes = 0;
    let text = 'Pause';
    const element = {
      get textContent() { return text; },
      set textContent(value: string) { writes++; text = value; },
    } as unknown as HTMLElement;
    setText(element, 'Pause');
    expect(writes).toBe(0);
    setText(element, 'Resume (3 new lines)');
    expect(writes).toBe(1);
    expect(element.textContent).toBe('Resume (3 new lines)');
  });
});
