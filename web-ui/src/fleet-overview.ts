import type { Environment } from '@envstream/client';
import { h } from './dom.js';
import { FleetActivity, type Sparkline } from './fleet-activity.js';
import { fleetRows, labelKeys, sparklinePoints, statusCounts, statusOf, type FleetRow, type Grouping } from './fleet.js';
import { formatRoute } from './route.js';

/** Height of every row in px (the virtual list places rows by index, so they must not vary). */
const ROW_HEIGHT = 44;

/** Rows drawn beyond the visible ones on each side, so a short scroll shows no blank. */
const OVERSCAN = 6;

/** The activity of the shown rows is asked for once scrolling has paused this long. */
const SETTLE_MS = 250;

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The home page: every environment the user may see, grouped (host, team, status or a label), with the counts by
 * status, a search over name, id, image, host, team and labels, and per environment a sparkline of lines/s and errors
 * of the last 30 minutes. Only the visible rows are in the DOM. Keys: `/` searches, arrows, Page Up/Down, Home/End
 * move, Enter opens.
 */
export class FleetOverview {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly grouping: HTMLSelectElement;
  private readonly counts: HTMLElement;
  private readonly list: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly activity: FleetActivity;
  private environments: readonly Environment[] = [];
  private rows: FleetRow[] = [];
  private active = -1;
  private frame = 0;
  private settle: ReturnType<typeof setTimeout> | undefined;

  constructor(token: () => string | undefined, baseUrl: string | undefined) {
    this.activity = new FleetActivity(token, baseUrl, () => this.schedule());
    this.search = h('input', { type: 'search', placeholder: 'search name, id, image, label… ( / )', 'aria-label': 'search environments', 'data-testid': 'fleet-search' });
    this.grouping = h('select', { 'aria-label': 'group by', 'data-testid': 'fleet-group' });
    this.counts = h('div', { class: 'fleet-counts', 'data-testid': 'fleet-counts', 'aria-live': 'polite' });
    this.spacer = h('div', { class: 'fleet-spacer' });
    this.list = h('div', { class: 'fleet-list', role: 'listbox', tabindex: '0', 'aria-label': 'environments', 'data-testid': 'fleet-list' }, this.spacer);
    this.element = h('section', { class: 'fleet', 'data-testid': 'fleet' },
      h('h1', {}, 'Fleet'),
      h('div', { class: 'toolbar' }, this.search, h('label', {}, 'group by ', this.grouping)),
      this.counts,
      this.list,
    );
    this.search.addEventListener('input', () => this.filter(0));
    this.search.addEventListener('keydown', (event) => this.searchKey(event));
    this.grouping.addEventListener('change', () => this.filter(0));
    this.list.addEventListener('keydown', (event) => this.listKey(event));
    this.list.addEventListener('scroll', () => this.schedule());
    this.list.addEventListener('focus', () => this.active < 0 && this.move(0, 1));
    // one overview lives as long as the page, shown on the home route only: the page-wide handlers check that it is shown
    document.addEventListener('keydown', (event) => this.globalKey(event));
    window.addEventListener('resize', () => this.schedule());
    setInterval(() => this.wantActivity(), 60_000);
  }

  /** The list as the gateway last gave it. */
  update(environments: readonly Environment[]): void {
    this.environments = environments;
    this.fillGroupings();
    const activeId = this.activeEnvironment()?.id;
    this.filter(activeId);
  }


  private fillGroupings(): void {
    const options: Array<[Grouping, string]> = [['host', 'host'], ['team', 'team'], ['status', 'status'],
      ...labelKeys(this.environments).map((key): [Grouping, string] => [`label:${key}`, `label ${key}`])];
    const chosen = this.grouping.value || 'host';
    if (this.grouping.options.length === options.length && [...this.grouping.options].every((option, i) => option.value === options[i]![0])) return;
    this.grouping.replaceChildren(...options.map(([value, text]) => h('option', { value, selected: value === chosen }, text)));
    if (!options.some(([value]) => value === chosen)) this.grouping.value = 'host';
  }

  /** Recomputes the rows; the active row stays on `keep` (an id) if still shown, else moves to the nth environment. */
  private filter(keep: string | number | undefined): void {
    this.rows = fleetRows(this.environments, this.search.value, (this.grouping.value || 'host') as Grouping);
    const environments = this.rows.filter((row) => row.kind === 'environment').length;
    this.counts.replaceChildren(
      h('span', { 'data-testid': 'fleet-shown' }, `${environments} environment${environments === 1 ? '' : 's'}`),
      ...statusCounts(this.rows).map(([status, count]) => h('span', { class: `badge ${status}`, 'data-status': status }, `${status} ${count}`)),
    );
    this.spacer.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    const kept = typeof keep === 'string' ? this.rows.findIndex((row) => row.kind === 'environment' && row.environment.id === keep) : -1;
    this.active = -1;
    if (kept >= 0) this.active = kept;
    else if (keep !== undefined) this.move(0, 1);
    this.schedule();
  }

  private activeEnvironment(): Environment | undefined {
    const row = this.rows[this.active];
    return row?.kind === 'environment' ? row.environment : undefined;
  }

  /** Moves the active row to `from` or, on a heading, onwards in `direction` to the next environment. */
  private move(from: number, direction: 1 | -1): void {
    let index = Math.max(0, Math.min(this.rows.length - 1, from));
    while (this.rows[index]?.kind === 'group') index += direction;
    if (!this.rows[index]) {
      index = from;
      while (this.rows[index]?.kind === 'group') index -= direction;
    }
    if (!this.rows[index]) return;
    this.active = index;
    const top = index * ROW_HEIGHT;
    if (top < this.list.scrollTop + ROW_HEIGHT) this.list.scrollTop = Math.max(0, top - ROW_HEIGHT);
    else if (top + ROW_HEIGHT > this.list.scrollTop + this.list.clientHeight) this.list.scrollTop = top + ROW_HEIGHT - this.list.clientHeight;
    this.schedule();
  }

  private open(): void {
    const environment = this.activeEnvironment();
    if (environment) location.hash = formatRoute({ environmentId: environment.id, tab: 'logs' });
  }

  private globalKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || target?.isContentEditable;
    if (event.key === '/' && !typing && this.element.isConnected) {
      event.preventDefault();
      this.search.focus();
      this.search.select();
    }
  }

  private searchKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.list.focus();
      if (this.active < 0) this.move(0, 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.active < 0) this.move(0, 1);
      this.open();
    } else if (event.key === 'Escape' && this.search.value) {
      this.search.value = '';
      this.filter(0);
    }
  }

  private listKey(event: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.list.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, [number, 1 | -1]> = {
      ArrowDown: [this.active + 1, 1], ArrowUp: [this.active - 1, -1], PageDown: [this.active + page, 1],
      PageUp: [this.active - page, -1], Home: [0, 1], End: [this.rows.length - 1, -1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      if (event.key === 'ArrowUp' && this.active >= 0 && this.rows.slice(0, this.active).every((row) => row.kind === 'group')) {
        this.search.focus();
        return;
      }
      this.move(...move);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.open();
    }
  }

  /** Redraws at the next frame (scroll, resize, new rows or sparklines), and asks for activity once scrolling settles. */
  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.wantActivity(), SETTLE_MS);
  }

  private visibleRange(): [number, number] {
    const first = Math.max(0, Math.floor(this.list.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.list.scrollTop + this.list.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    return [first, last];
  }

  private wantActivity(): void {
    if (!this.element.isConnected) return;
    const [first, last] = this.visibleRange();
    const ids = this.rows.slice(first, last).flatMap((row) => (row.kind === 'environment' ? [row.environment.id] : []));
    this.activity.want(ids);
  }

  private render(): void {
    const [first, last] = this.visibleRange();
    const drawn: HTMLElement[] = [];
    for (let index = first; index < last; index++) drawn.push(this.row(this.rows[index]!, index));
    this.spacer.replaceChildren(...drawn);
    const active = this.activeEnvironment();
    if (active) this.list.setAttribute('aria-activedescendant', `fleet-row-${this.active}`);
    else this.list.removeAttribute('aria-activedescendant');
  }

  private row(row: FleetRow, index: number): HTMLElement {
    const top = `top: ${index * ROW_HEIGHT}px`;
    if (row.kind === 'group') {
      return h('div', { class: 'fleet-group', role: 'presentation', style: top }, row.name, h('span', { class: 'fleet-group-count' }, String(row.count)));
    }
    const environment = row.environment;
    const status = statusOf(environment);
    const element = h('div', {
      class: index === this.active ? 'fleet-row active' : 'fleet-row', role: 'option', id: `fleet-row-${index}`,
      'aria-selected': String(index === this.active), style: top, 'data-fleet-env': environment.id,
    },
      h('span', { class: `badge ${status}` }, status),
      h('span', { class: 'fleet-name' },
        h('a', { href: formatRoute({ environmentId: environment.id, tab: 'logs' }), tabindex: '-1' }, environment.name ?? environment.id),
        environment.name && environment.name !== environment.id ? h('span', { class: 'fleet-id' }, environment.id) : undefined),
      h('span', { class: 'fleet-meta' }, [environment.image, environment.hostId, environment.team].filter(Boolean).join(' · ')),
      this.sparkline(this.activity.sparkline(environment.id)),
    );
    element.addEventListener('click', () => {
      this.active = index;
      this.open();
    });
    return element;
  }

  private sparkline(sparkline: Sparkline | undefined): Element {
    if (!sparkline) return h('span', { class: 'fleet-spark pending', 'aria-label': 'activity loading' });
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'fleet-spark');
    svg.setAttribute('width', String(SPARK_WIDTH));
    svg.setAttribute('height', String(SPARK_HEIGHT));
    svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
    svg.setAttribute('role', 'img');
    const now = sparkline.rates.at(-1) ?? 0;
    const errors = sparkline.errors.reduce((sum, each) => sum + each, 0);
    svg.setAttribute('aria-label', `${now.toFixed(1)} lines/s now, ${errors} errors in 30 minutes`);
    for (const [values, name] of [[sparkline.rates, 'lines'], [sparkline.errors, 'errors']] as const) {
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('class', `fleet-spark-${name}`);
      line.setAttribute('points', sparklinePoints(values, SPARK_WIDTH, SPARK_HEIGHT));
      svg.append(line);
    }
    const title = document.createElementNS(SVG, 'title');
    title.textContent = svg.getAttribute('aria-label');
    svg.append(title);
    return svg;
  }
}
