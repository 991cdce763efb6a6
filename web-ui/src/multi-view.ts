import { listEnvironments, LogsClient, type ConnectionOptions } from '@envstream/client';
import { stripAnsi } from './ansi.js';
import { ConnectionIndicator } from './connection-state.js';
import { h } from './dom.js';
import { LogPanel } from './log-panel.js';
import { ROW_HEIGHT } from './log-view.js';
import { MergedLines } from './merged-lines.js';

/**
 * Several environments at once: `#/merged?envs=a,b,c` (one list ordered by time, each line tagged with its
 * environment) or `#/split?envs=a,b` (two log panels side by side); `#/merged` or `#/split` alone asks which.
 */
export interface MultiRoute {
  kind: 'merged' | 'split';
  environments: string[];
}

export function parseMultiRoute(hash: string): MultiRoute | undefined {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const kind = path.replace(/^\/+|\/+$/g, '');
  if (kind !== 'merged' && kind !== 'split') return undefined;
  const environments = (new URLSearchParams(query).get('envs') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return { kind, environments: [...new Set(environments)] };
}

export function formatMultiRoute(route: MultiRoute): string {
  return `#/${route.kind}${route.environments.length ? `?envs=${route.environments.map(encodeURIComponent).join(',')}` : ''}`;
}

/** Lines of the tail each environment's connection starts with in the merged view. */
const MERGED_TAIL = 500;
/** While following, redrawn at most this often (as the single log view). */
const FOLLOW_INTERVAL_MS = 100;
const OVERSCAN = 10;
const TAG_COLOURS = ['var(--ansi-cyan)', 'var(--ansi-magenta)', 'var(--ansi-yellow)', 'var(--ansi-green)', 'var(--ansi-blue)', 'var(--ansi-red)'];

/**
 * The merged view: one logs connection per environment (each resuming by its own cursor after a drop, as a single
 * view does), their lines merged by time on arrival and shown in a virtualized list, tagged with their environment.
 */
export class MergedView {
  readonly element: HTMLDivElement;
  private readonly lines = new MergedLines();
  private readonly clients: LogsClient[] = [];
  private readonly indicators: ConnectionIndicator[] = [];
  private readonly list = h('div', { class: 'log-view merged-list', 'data-testid': 'merged-list', tabindex: '0' });
  private readonly spacer = h('div', { class: 'log-spacer' });
  private readonly counter = h('span', { class: 'counter', 'data-testid': 'line-count' });
  private readonly colours = new Map<string, string>();
  private following = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private programmaticScroll = false;

  constructor(environments: string[], connection: ConnectionOptions, onUnauthorized: () => void) {
    const download = h('button', { type: 'button', 'data-testid': 'download' }, 'Download');
    download.addEventListener('click', () => this.download());
    const legend = h('span', { class: 'merged-legend' });
    const states = h('div', { class: 'merged-states' });
    environments.forEach((environmentId, i) => {
      const colour = TAG_COLOURS[i % TAG_COLOURS.length]!;
      this.colours.set(environmentId, colour);
      const tag = h('span', { class: 'env-tag' }, environmentId);
      tag.style.color = colour;
      legend.append(tag);
      const client = new LogsClient({ ...connection, environmentId, tail: MERGED_TAIL });
      client.onLines((lines) => {
        this.lines.add(environmentId, lines);
        this.invalidate();
      });
      const indicator = new ConnectionIndicator(environmentId, client, onUnauthorized);
      this.clients.push(client);
      this.indicators.push(indicator);
      states.append(indicator.element);
    });
    this.list.append(this.spacer);
    this.list.addEventListener('scroll', () => this.scrolled(), { passive: true });
    this.element = h('div', { class: 'log-panel merged-view', 'data-testid': 'merged-view' },
      h('div', { class: 'toolbar' }, h('span', {}, 'merged: '), legend, download, this.counter), this.list, states);
    this.clients.forEach((client) => client.connect());
    this.invalidate();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.indicators.forEach((indicator) => indicator.dispose());
    this.clients.forEach((client) => client.close());
  }

  private invalidate(): void {
    this.timer ??= setTimeout(() => requestAnimationFrame(() => {
      this.timer = undefined;
      this.draw();
    }), this.following ? FOLLOW_INTERVAL_MS : 0);
  }

  private scrolled(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
    } else {
      this.following = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - ROW_HEIGHT;
    }
    this.invalidate();
  }

  private draw(): void {
    const count = this.lines.length;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    if (this.following) {
      const bottom = Math.max(0, count * ROW_HEIGHT - this.list.clientHeight);
      if (Math.abs(this.list.scrollTop - bottom) >= 1) {
        this.programmaticScroll = true;
        this.list.scrollTop = bottom;
      }
    }
    const top = this.list.scrollTop;
    const from = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const to = Math.min(count, Math.ceil((top + this.list.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let index = from; index < to; index++) {
      const line = this.lines.at(index)!;
      const tag = h('span', { class: 'env-tag' }, line.environmentId);
      tag.style.color = this.colours.get(line.environmentId) ?? '';
      const row = h('div', { class: `log-row ${line.stream}`, 'data-env': line.environmentId, 'data-stream': line.stream },
        h('span', { class: 'log-time' }, line.timestamp.slice(11, 23)), tag,
        h('span', { class: 'log-stream' }, line.stream === 'stderr' ? 'err' : 'out'),
        h('span', { class: 'log-message' }, stripAnsi(line.message)));
      row.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
    this.counter.textContent = `${count} lines of ${this.clients.length} environments`;
    this.counter.dataset.received = String(this.lines.added);
    this.counter.dataset.held = String(count);
  }

  private download(): void {
    const text = Array.from(this.lines, (line) => `${line.timestamp} ${line.environmentId} ${line.stream} ${stripAnsi(line.message)}\n`);
    const link = h('a', { href: URL.createObjectURL(new Blob(text, { type: 'text/plain' })), download: 'merged-logs.txt' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}

/** Two environments' log panels side by side, each with its own connection and toolbar. */
export class SplitView {
  readonly element: HTMLDivElement;
  private readonly panels: LogPanel[];

  constructor(environments: string[], connection: ConnectionOptions, onUnauthorized: () => void) {
    this.panels = environments.slice(0, 2).map((id) => new LogPanel(id, connection, onUnauthorized));
    this.element = h('div', { class: 'split-view', 'data-testid': 'split-view' },
      ...this.panels.map((panel, i) => h('section', { class: 'split-pane', 'data-env': environments[i] }, h('h2', {}, environments[i]!), panel.element)));
  }

  dispose(): void {
    this.panels.forEach((panel) => panel.dispose());
  }
}

/** Which environments to see together: a checkbox each, then "Merged" or "Side by side" (two). */
export class MultiPicker {
  readonly element: HTMLDivElement;

  constructor(token: () => string | undefined, connection: ConnectionOptions, chosen: string[]) {
    const list = h('div', { class: 'multi-picker-list', 'data-testid': 'multi-picker' }, 'loading the environments…');
    const merged = h('button', { type: 'button', 'data-testid': 'open-merged' }, 'Merged');
    const split = h('button', { type: 'button', 'data-testid': 'open-split' }, 'Side by side (two)');
    const picked = () => [...list.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
    merged.addEventListener('click', () => {
      if (picked().length > 0) location.hash = formatMultiRoute({ kind: 'merged', environments: picked() });
    });
    split.addEventListener('click', () => {
      if (picked().length === 2) location.hash = formatMultiRoute({ kind: 'split', environments: picked() });
    });
    this.element = h('div', { class: 'multi-picker' },
      h('h1', {}, 'Several environments'), h('p', { class: 'hint' }, 'Pick environments for one merged stream ordered by time, or two to see side by side.'),
      list, h('div', { class: 'toolbar' }, merged, split));
    void listEnvironments({ token: token() ?? '', baseUrl: connection.baseUrl }).then((environments) => {
      list.replaceChildren(...environments.filter((environment) => !environment.removed).map((environment) =>
        h('label', { class: 'multi-picker-item' },
          h('input', { type: 'checkbox', value: environment.id, checked: chosen.includes(environment.id), 'data-env': environment.id }),
          ` ${environment.id}`)));
    }, (error: Error) => list.replaceChildren(`the environments could not be listed: ${error.message}`));
  }

  dispose(): void {}
}
