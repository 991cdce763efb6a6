import { LogsClient, type ConnectionOptions, type Log, type ReplaySpeed } from '@envstream/client';
import { ConnectionIndicator } from './connection-state.js';
import { h, setText } from './dom.js';
import { LogFields } from './log-fields.js';
import { LEVELS, type Level } from './log-format.js';
import { LogStore, type StreamChoice } from './log-store.js';
import { LogView } from './log-view.js';
import { formatRoute } from './route.js';

/** While paused, this many new lines make the UI ask the server to pause too, so the ring buffer never drops one. */
const SERVER_PAUSE_AFTER = 20_000;

/**
 * The log viewer of one environment: toolbar (stream toggle, search, server-side grep, pause/resume with the count
 * of new lines, jump to live, download), the virtualized list and the connection line.
 */
export class LogPanel {
  readonly element: HTMLDivElement;
  readonly store = new LogStore();
  readonly client: LogsClient;
  private readonly view: LogView;
  private readonly indicator: ConnectionIndicator;
  private readonly pauseButton: HTMLButtonElement;
  private readonly liveButton: HTMLButtonElement;
  private readonly counter: HTMLSpanElement;
  private readonly notice: HTMLDivElement;
  private readonly fields = new LogFields();
  private serverPaused = false;
  private refreshFrame = 0;

  constructor(
    private readonly environmentId: string,
    connection: ConnectionOptions,
    onUnauthorized: () => void,
    line?: { cursor: string; timestamp: string },
    history?: { since: string; speed?: ReplaySpeed },
  ) {
    const since = history?.since ?? line?.timestamp;
    this.client = new LogsClient({ ...connection, environmentId, tail: since ? undefined : 1000, since, speed: history?.speed });
    this.view = new LogView(this.store, {
      permalink: (line) => formatRoute({ environmentId, tab: 'logs', line: { cursor: line.cursor, timestamp: line.timestamp } }),
      onDraw: () => this.updateToolbar(),
      onFollowChange: () => this.refresh(),
      onFold: () => this.refresh(),
      onInspect: (line, fields) => this.fields.show(line, fields),
    });
    if (line) this.view.mark(line.cursor);

    const stream = h('select', { 'data-testid': 'stream-filter', title: 'which output streams to show' },
      h('option', { value: 'all' }, 'stdout + stderr'), h('option', { value: 'stdout' }, 'stdout'), h('option', { value: 'stderr' }, 'stderr'));
    const level = h('select', { 'data-testid': 'level-filter', title: 'which levels to show (as the lines state them)' },
      h('option', { value: '' }, 'any level'),
      ...LEVELS.map((each, i) => h('option', { value: each }, i === 0 ? each : `${each} and above`)));
    const search = h('input', { type: 'search', placeholder: 'search shown lines', 'data-testid': 'search' });
    const grep = h('input', { type: 'search', placeholder: 'server grep (regex) ⏎', 'data-testid': 'grep' });
    this.pauseButton = h('button', { type: 'button', 'data-testid': 'pause' }, 'Pause');
    this.liveButton = h('button', { type: 'button', 'data-testid': 'jump-live' }, 'Jump to live');
    const download = h('button', { type: 'button', 'data-testid': 'download' }, 'Download');
    this.counter = h('span', { class: 'counter', 'data-testid': 'line-count' });
    this.notice = h('div', { class: 'notice', 'data-testid': 'log-notice' });
    this.indicator = new ConnectionIndicator('logs', this.client, onUnauthorized);

    stream.addEventListener('change', () => {
      const choice = stream.value as StreamChoice;
      this.client.filter({ stream: choice });
      this.applyLocalFilter(choice, search.value, level.value as Level | '');
    });
    level.addEventListener('change', () => this.applyLocalFilter(stream.value as StreamChoice, search.value, level.value as Level | ''));
    search.addEventListener('input', () => this.applyLocalFilter(stream.value as StreamChoice, search.value, level.value as Level | ''));
    grep.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        this.notice.textContent = grep.value ? `server grep: only lines matching /${grep.value}/ arrive from now on` : '';
        this.client.filter({ grep: grep.value });
      }
    });
    this.pauseButton.addEventListener('click', () => (this.store.paused ? this.resume() : this.pause()));
    this.liveButton.addEventListener('click', () => {
      if (this.serverPaused) {
        // the server holds back what came after the 20k unseen lines: skip it (a gap message says what) rather than replay
        this.serverPaused = false;
        this.client.resume(true);
      }
      if (this.store.paused) this.resume();
      this.view.follow();
    });
    download.addEventListener('click', () => this.download());

    this.client.onLines((lines) => this.received(lines));
    this.client.onGap((gap) => (this.notice.textContent = gap.reason === 'skipped'
      ? `jumped to live: the lines between ${gap.from} and ${gap.to} were skipped`
      : `some lines are missing (${gap.reason === 'retention' ? 'removed by retention' : 'the log was reset'}) between ${gap.from} and ${gap.to}`));
    this.client.onLag((lag) => (this.notice.textContent = `catching up: ${lag.behind} lines behind live`));
    this.client.onLive(() => {
      if (this.notice.textContent?.startsWith('catching up')) this.notice.textContent = '';
    });
    this.client.onError((error) => (this.notice.textContent = `server: ${error.message} (${error.code})`));

    this.element = h('div', { class: 'log-panel' },
      h('div', { class: 'toolbar' }, stream, level, search, grep, this.pauseButton, this.liveButton, download, this.counter),
      this.notice, this.view.element, this.fields.element, this.indicator.element);
    this.refresh();
    this.client.connect();
  }

  dispose(): void {
    this.indicator.dispose();
    this.client.close();
  }

  pause(): void {
    this.store.pause();
    this.refresh();
  }

  resume(): void {
    this.store.resume();
    if (this.serverPaused) {
      this.serverPaused = false;
      this.client.resume();
    }
    this.view.follow();
    this.refresh();
  }

  private received(lines: Log[]): void {
    this.store.append(lines);
    if (this.store.paused && !this.serverPaused && this.store.pending >= SERVER_PAUSE_AFTER) {
      this.serverPaused = true;
      this.client.pause();
    }
    // the toolbar's counts are updated with the list's next draw, not on every batch
    this.view.invalidate();
  }

  private applyLocalFilter(stream: StreamChoice, search: string, level: Level | ''): void {
    this.store.setFilter(stream, search, level || undefined);
    this.view.reset(search);
    this.refresh();
  }

  /** After a person's action: updates the toolbar on the next frame, and asks the list to redraw. */
  private refresh(): void {
    this.view.invalidate();
    if (this.refreshFrame === 0) {
      this.refreshFrame = requestAnimationFrame(() => {
        this.refreshFrame = 0;
        this.updateToolbar();
      });
    }
  }

  /** Writes only what changed: every write would make the browser restyle and repaint the toolbar. */
  private updateToolbar(): void {
    const pending = this.store.pending;
    setText(this.pauseButton, this.store.paused ? `Resume (${pending}${this.serverPaused ? '+' : ''} new lines)` : 'Pause');
    this.pauseButton.dataset.pending = String(pending);
    const liveHidden = this.view.isFollowing && !this.store.paused;
    if (this.liveButton.hidden !== liveHidden) this.liveButton.hidden = liveHidden;
    setText(this.counter, `${this.store.length} shown · ${this.store.buffer.size} held (max ${this.store.buffer.capacity})`);
    this.counter.dataset.held = String(this.store.buffer.size);
    this.counter.dataset.shown = String(this.store.length);
    this.counter.dataset.received = String(this.store.buffer.end);
  }

  private download(): void {
    const blob = new Blob(Array.from(this.store.text()), { type: 'text/plain' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `${this.environmentId}-logs.txt` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}
