/**
 * ANSI SGR colour codes in log lines, turned into styled text runs (and stripped for search and download). Only
 * SGR (`ESC [ ... m`) is interpreted; any other escape sequence is dropped so it cannot garble the view.
 */

export interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Run {
  text: string;
  style: Style;
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[([0-9;:]*)([A-Za-z])|\u001b[()][0-9A-Za-z]|\u001b[@-Z\\-_]/g;

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** The 16 basic colours as CSS variables (the stylesheet picks the shades), 256-colour and RGB as CSS colours. */
function basic(index: number): string {
  return index < 8 ? `var(--ansi-${NAMES[index]})` : `var(--ansi-bright-${NAMES[index - 8]})`;
}

function palette256(index: number): string {
  if (index < 16) return basic(index);
  if (index < 232) {
    const i = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey},${grey},${grey})`;
}

function apply(style: Style, params: string): Style {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: Style = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) next.bold = next.dim = undefined;
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code >= 30 && code <= 37) next.fg = basic(code - 30);
    else if (code >= 90 && code <= 97) next.fg = basic(code - 90 + 8);
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = basic(code - 40);
    else if (code >= 100 && code <= 107) next.bg = basic(code - 100 + 8);
    else if (code === 49) next.bg = undefined;
    else if (code === 38 || code === 48) {
      let colour: string | undefined;
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        colour = palette256(codes[i + 2]!);
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        colour = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      }
      if (code === 38) next.fg = colour;
      else next.bg = colour;
    }
  }
  return next;
}

/** Splits a line into runs of equally styled text. */
export function parseAnsi(line: string): Run[] {
  if (!line.includes('\u001b')) return [{ text: line, style: {} }];
  const runs: Run[] = [];
  let style: Style = {};
  let last = 0;
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(line); match !== null; match = ESCAPE.exec(line)) {
    if (match.index > last) runs.push({ text: line.slice(last, match.index), style });
    if (match[2] === 'm') style = apply(style, match[1] ?? '');
    last = ESCAPE.lastIndex;
  }
  if (last < line.length) runs.push({ text: line.slice(last), style });
  return runs;
}

/** The line without escape sequences. */
export function stripAnsi(line: string): string {
  return line.includes('\u001b') ? line.replace(ESCAPE, '') : line;
}
