import { HttpError, listEnvironments, StatusClient, type Alert, type ConnectionOptions, type Environment } from '@envstream/client';
import { h } from './dom.js';
import { formatRoute } from './route.js';

/** How often the list itself is fetched again (new or removed environments, and their REST status). */
const REFRESH_MS = 15_000;

/**
 * Live badges (one status WebSocket each) for at most this many environments: every connection counts against the
 * gateway's 50 per user, and the log, terminal and status panels need some of them. The rest show the REST status.
 */
const LIVE_BADGES = 20;

/**
 * The environments the user may see (REST), each with a status badge: kept live by a status-only WebSocket
 * (`unsubscribe metrics`) for the first {@link LIVE_BADGES} that are not removed, refreshed with the list otherwise.
 */
export class EnvironmentList {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly removedList: HTMLUListElement;
  private readonly removedBox: HTMLDetailsElement;
  private readonly removedSummary: HTMLElement;
  private readonly message: HTMLDivElement;
  private readonly watchers = new Map<string, { client: StatusClient; badge: HTMLSpanElement; item: HTMLLIElement }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private selected: string | undefined;
  private listed = new Map<string, Environment>();

  /**
   * @param onListed called after each answer of the list, e.g. to show the tabs the permissions allow
   * @param onAlert called with each alert of an environment with a live badge (its socket subscribes to `alerts` too)
   */
  constructor(
    private readonly token: () => string | undefined,
    private readonly connection: ConnectionOptions,
    private readonly onUnauthorized: () => void,
    private readonly onListed: () => void,
    private readonly onAlert: (environmentId: string, alert: Alert) => void,
  ) {
    this.list = h('ul', { class: 'environments', 'data-testid': 'environments' });
    this.removedList = h('ul', { class: 'environments' });
    this.removedSummary = h('summary', {});
    this.removedBox = h('details', { class: 'removed-environments', hidden: true }, this.removedSummary, this.removedList);
    this.message = h('div', { class: 'notice' });
    this.element = h('nav', { class: 'sidebar' }, h('h2', {}, 'Environments'), this.message, this.list, this.removedBox);
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  /** The environment as last listed (with what the caller may do in it); `undefined` before the list answered or if not listed. */
  environment(environmentId: string): Environment | undefined {
    return this.listed.get(environmentId);
  }

  /** Every environment as last listed, removed ones included. */
  all(): Environment[] {
    return [...this.listed.values()];
  }

  select(environmentId: string | undefined): void {
    this.selected = environmentId;
    for (const [id, watcher] of this.watchers) watcher.item.classList.toggle('selected', id === environmentId);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.watchers.forEach((watcher) => watcher.client.close());
    this.watchers.clear();
  }

  private async load(): Promise<void> {
    let environments: Environment[];
    try {
      environments = await listEnvironments({ token: this.token() ?? '', baseUrl: this.connection.baseUrl });
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        this.onUnauthorized();
        this.dispose();
      } else {
        this.message.textContent = `cannot list environments: ${(error as Error).message}`;
      }
      return;
    }
    this.message.textContent = environments.length === 0 ? 'no environments yet' : '';
    this.listed = new Map(environments.map((environment) => [environment.id, environment]));
    const seen = new Set<string>();
    for (const environment of environments) {
      seen.add(environment.id);
      const existing = this.watchers.get(environment.id);
      if (existing) {
        this.place(existing.item, environment.removed);
        if (existing.client.state.kind !== 'open') this.showStatus(existing.badge, environment);
        continue;
      }
      this.add(environment);
    }
    const removed = this.removedList.children.length;
    this.removedBox.hidden = removed === 0;
    this.removedSummary.textContent = `removed (${removed})`;
    for (const [id, watcher] of this.watchers) {
      if (!seen.has(id)) {
        watcher.client.close();
        watcher.item.remove();
        this.watchers.delete(id);
      }
    }
    this.onListed();
  }

  /** Removed environments go under a collapsed "removed (N)"; their history is still there to read. */
  private place(item: HTMLLIElement, removed: boolean): void {
    const list = removed ? this.removedList : this.list;
    if (item.parentElement !== list) list.append(item);
  }

  private add(environment: Environment): void {
    const badge = h('span', { 'data-testid': 'env-status' });
    this.showStatus(badge, environment);
    const link = h('a', { href: formatRoute({ environmentId: environment.id, tab: 'logs' }) }, h('span', { class: 'env-name' }, environment.id));
    const item = h('li', { 'data-env': environment.id, class: environment.id === this.selected ? 'selected' : undefined }, link, badge);
    item.title = [environment.name, environment.image, environment.hostId && `on ${environment.hostId}`].filter(Boolean).join(' · ');
    this.place(item, environment.removed);
    const client = new StatusClient({ ...this.connection, environmentId: environment.id, topics: ['status', 'alerts'] });
    client.onStatus((change) => {
      badge.className = `badge ${change.status}`;
      badge.textContent = change.status;
    });
    client.onAlert((alert) => this.onAlert(environment.id, alert));
    const live = [...this.watchers.values()].filter((watcher) => watcher.client.state.kind !== 'closed').length;
    if (!environment.removed && live < LIVE_BADGES) client.connect();
    else client.close();
    this.watchers.set(environment.id, { client, badge, item });
  }

  private showStatus(badge: HTMLSpanElement, environment: Environment): void {
    const status = environment.removed ? 'removed' : (environment.status ?? 'unknown');
    badge.className = `badge ${status}`;
    badge.textContent = status;
  }
}
