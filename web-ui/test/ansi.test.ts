import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from '../src/ansi.js';

describe('ANSI', () => {
  it('turns SGR colours into styled runs and resets them', () => {
    expect(parseAnsi('\u001b[1;31mERROR\u001b[0m done')).toEqual([
      { text: 'ERROR', style: { bold: true, fg: 'var(--ansi-red)' } },
      { text: ' done', style: {} },
    ]);
  });

  it('knows bright, 256-colour and RGB colours', () => {
    expect(parseAnsi('\u001b[92ma\u001b[38;5;196mb\u001b[48;2;1;2;3mc').map((run) => [run.text, run.style.fg, run.style.bg])).toEqual([
      ['a', 'var(--ansi-bright-green)', undefined],
      ['b', 'rgb(255,0,0)', undefined],
      ['c', 'rgb(255,0,0)', 'rgb(1,2,3)'],
    ]);
  });

  it('drops escape sequences other than SGR and leaves plain lines alone', () => {
    expect(stripAnsi('\u001b[2K\u001b[32mok\u001b[m')).toBe('ok');
    expect(parseAnsi('plain')).toEqual([{ text: 'plain', style: {} }]);
  });
});
