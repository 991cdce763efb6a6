import { parseAnsi, type Style } from './ansi.js';
import { h } from './dom.js';
import { jsonFields, jsonSummary, type Level } from './log-format.js';
import { lineLevel, plain, type Line, type LogStore } from './log-store.js';

const LEVEL_TAGS: Record<Level, string> = { error: 'ERR', warn: 'WRN', info: 'INF', debug: 'DBG' };

/** Fixed row height in px; the stylesheet's `.log-row` uses the same. */
export const ROW_HEIGHT = 18;

/**
 * Rows drawn beyond the visible ones, above and below, so a fast scroll shows no blank. Not while following the
 * tail: every draw then replaces the rows anyway, and a scroll by the person stops following and draws them.
 */
const OVERSCAN = 10;

/**
 * New lines are drawn at most this often: at thousands of lines per second nobody reads each frame, and building
 * rows (and laying out and painting them) ten times a second instead of sixty keeps the main thread free. A scroll,
 * a filter or a fold by the person is drawn on the next frame.
 */
const REDRAW_INTERVAL_MS = 100;

/** Indexes of the rows to have in the DOM (`from` inclusive, `to` exclusive) for this scroll position. */
export function rowsToDraw(scrollTop: number, height: number, count: number, following: boolean): { from: number; to: number } {
  const overscan = following ? 0 : OVERSCAN;
  return {
    from: Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan),
    to: Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + overscan),
  };
}

let rowTemplate: HTMLDivElement | undefined;

/** A new row with the parts every row has (link, time, stream, level), cloned: cheaper than building each part. */
function rowSkeleton(): HTMLDivElement {
  rowTemplate ??= h('div', { class: 'log-row' }, h('a', { class: 'log-link' }, '#'), h('span', { class: 'log-time' }),
    h('span', { class: 'log-stream' }), h('span', { class: 'log-level' }));
  return rowTemplate.cloneNode(true) as HTMLDivElement;
}

export interface LogViewOptions {
  /** Address of a line's permalink (relative to the page: it is computed for every row drawn). */
  permalink(line: Line): string;
  /** After every draw: what shows beside the list (counts) follows it at the same pace. */
  onDraw(): void;
  /** Called when a person scrolls away from the bottom (false) or back to it (true). */
  onFollowChange(following: boolean): void;
  /** A person folded or unfolded a stack trace (the shown lines changed). */
  onFold(): void;
  /** A person asked for the fields of a JSON line. */
  onInspect(line: Line, fields: Record<string, unknown>): void;
}

/**
 * A virtualized list over a {@link LogStore}: only the rows in view (plus a few) exist in the DOM, so 50k lines cost
 * the same to show as 50. Redraws at most once per animation frame however many lines arrive. A row shows its line's
 * level (coloured), a JSON line as its message and fields (`{}` opens them all), a stack trace's first line with a
 * fold toggle and the count of its lines; a line is parsed only when its row is drawn.
 */
export class LogView {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly rows = new Map<number, HTMLDivElement>();
  private following = true;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;
  private search = '';
  private marked: string | undefined;
  private scrollToMarked = false;
  private programmaticScroll = false;

  constructor(
    private readonly store: LogStore,
    private readonly options: LogViewOptions,
  ) {
    this.spacer = h('div', { class: 'log-spacer' });
    this.element = h('div', { class: 'log-view', 'data-testid': 'log-view', tabindex: '0' }, this.spacer);
    this.element.addEventListener('scroll', () => this.scrolled(), { passive: true });
    this.element.addEventListener('click', (event) => this.clicked(event));
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** New lines arrived: a redraw on an animation frame no sooner than REDRAW_INTERVAL_MS after the last. */
  invalidate(): void {
    if (this.frame !== 0 || this.timer !== undefined) return;
    const wait = this.lastDraw + REDRAW_INTERVAL_MS - performance.now();
    if (wait <= 0) this.frame = requestAnimationFrame(() => this.draw());
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.invalidate();
    }, wait);
  }

  private drawNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** Redraws everything (filter or search changed). */
  reset(search: string): void {
    this.search = search.toLowerCase();
    this.rows.forEach((row) => row.remove());
    this.rows.clear();
    this.drawNow();
  }

  follow(): void {
    this.following = true;
    this.options.onFollowChange(true);
    this.drawNow();
  }

  /** Marks the line with this cursor (a permalink's target) and scrolls it into view once it is there. */
  mark(cursor: string): void {
    this.marked = cursor;
    this.scrollToMarked = true;
    this.invalidate();
  }

  private scrolled(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
    } else {
      const atBottom = this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - ROW_HEIGHT;
      if (atBottom !== this.following) {
        this.following = atBottom;
        this.options.onFollowChange(atBottom);
      }
    }
    this.drawNow();
  }

  private draw(): void {
    this.frame = 0;
    this.lastDraw = performance.now();
    const count = this.store.length;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    const markedIndex = this.scrollToMarked && this.marked !== undefined ? this.store.indexOfCursor(this.marked) : -1;
    if (markedIndex >= 0) {
      this.scrollToMarked = false;
      this.following = false;
      this.options.onFollowChange(false);
      this.scrollTo(Math.max(0, (markedIndex - 3) * ROW_HEIGHT));
    } else if (this.following) {
      this.scrollTo(Math.max(0, count * ROW_HEIGHT - this.element.clientHeight));
    }
    const { from, to } = rowsToDraw(this.element.scrollTop, this.element.clientHeight, count, this.following);
    const wanted = new Set<number>();
    // new rows go in at once, and a row is placed by `top` (set only when it moved): a transform per row would add a
    // paint property node each, which every frame then updates
    const added = document.createDocumentFragment();
    for (let index = from; index < to; index++) {
      const entry = this.store.lineAt(index);
      if (entry === undefined) continue;
      wanted.add(entry.n);
      let row = this.rows.get(entry.n);
      // a trace's first line is drawn again when more of its lines arrived
      if (row !== undefined && row.dataset.continued !== (entry.line.continued === undefined ? undefined : String(entry.line.continued))) {
        row.remove();
        row = undefined;
      }
      if (row === undefined) {
        row = this.row(entry.n, entry.line);
        this.rows.set(entry.n, row);
        added.append(row);
      }
      const top = `${index * ROW_HEIGHT}px`;
      if (row.style.top !== top) row.style.top = top;
    }
    for (const [n, row] of this.rows) {
      if (!wanted.has(n)) {
        row.remove();
        this.rows.delete(n);
      }
    }
    this.spacer.append(added);
    this.options.onDraw();
  }

  private scrollTo(top: number): void {
    if (Math.abs(this.element.scrollTop - top) >= 1) {
      this.programmaticScroll = true;
      this.element.scrollTop = top;
    }
  }

  private clicked(event: Event): void {
    const button = (event.target as Element).closest<HTMLElement>('button[data-n]');
    if (!button) return;
    const n = Number(button.dataset.n);
    const line = this.store.buffer.at(n);
    if (!line) return;
    if (button.classList.contains('log-fold')) {
      this.store.toggleFold(n);
      this.reset(this.search);
      this.options.onFold();
    } else {
      const fields = jsonFields(plain(line.message));
      if (fields) this.options.onInspect(line, fields);
    }
  }

  private row(n: number, line: Line): HTMLDivElement {
    const marked = this.marked === line.cursor;
    const level = lineLevel(line.head === undefined ? line : this.store.buffer.at(line.head) ?? line);
    const row = rowSkeleton();
    row.className = `log-row ${line.stream}${marked ? ' marked' : ''}${level ? ` level-${level}` : ''}${line.head !== undefined ? ' log-continuation' : ''}`;
    row.dataset.cursor = line.cursor;
    row.dataset.stream = line.stream;
    if (level) row.dataset.level = level;
    if (line.continued !== undefined) row.dataset.continued = String(line.continued);
    const [link, time, stream, levelTag] = Array.from(row.children) as HTMLElement[];
    link!.setAttribute('href', this.options.permalink(line));
    link!.title = `permalink (cursor ${line.cursor})`;
    time!.textContent = line.timestamp.slice(11, 23);
    stream!.textContent = line.stream === 'stderr' ? 'err' : 'out';
    if (level) levelTag!.textContent = LEVEL_TAGS[level];
    if (line.continued) {
      const unfolded = this.store.isUnfolded(n);
      row.append(h('button', { type: 'button', class: 'log-fold', 'data-n': String(n), 'aria-expanded': String(unfolded),
        title: unfolded ? 'fold the stack trace' : 'show the stack trace' }, `${unfolded ? '▾' : '▸'} ${line.continued}`));
    }
    const message = h('span', { class: 'log-message' });
    const fields = line.message.trimStart().startsWith('{') ? jsonFields(plain(line.message)) : undefined;
    if (fields) {
      row.classList.add('log-json');
      row.append(h('button', { type: 'button', class: 'log-inspect', 'data-n': String(n), title: 'show every field' }, '{}'));
      const summary = jsonSummary(fields);
      if (summary.message !== undefined) message.append(...this.highlighted(summary.message, {}));
      for (const [key, value] of summary.rest) {
        message.append(' ', h('span', { class: 'log-key' }, key), '=',
          h('span', { class: 'log-value' }, ...this.highlighted(typeof value === 'string' ? value : JSON.stringify(value), {})));
      }
    } else {
      for (const run of parseAnsi(line.message)) message.append(...this.highlighted(run.text, run.style));
    }
    row.append(message);
    return row;
  }

  private highlighted(text: string, style: Style): Node[] {
    const styled = (part: string, mark: boolean): Node => {
      const hasStyle = style.fg || style.bg || style.bold || style.dim || style.italic || style.underline;
      if (!hasStyle && !mark) return document.createTextNode(part);
      const span = h(mark ? 'mark' : 'span', {}, part);
      if (style.fg) span.style.color = style.fg;
      if (style.bg) span.style.backgroundColor = style.bg;
      if (style.bold) span.style.fontWeight = 'bold';
      if (style.dim) span.style.opacity = '0.7';
      if (style.italic) span.style.fontStyle = 'italic';
      if (style.underline) span.style.textDecoration = 'underline';
      return span;
    };
    if (this.search === '') return [styled(text, false)];
    const nodes: Node[] = [];
    const lower = text.toLowerCase();
    let at = 0;
    for (let hit = lower.indexOf(this.search); hit >= 0; hit = lower.indexOf(this.search, at)) {
      if (hit > at) nodes.push(styled(text.slice(at, hit), false));
      nodes.push(styled(text.slice(hit, hit + this.search.length), true));
      at = hit + this.search.length;
    }
    if (at < text.length) nodes.push(styled(text.slice(at), false));
    return nodes;
  }
}
