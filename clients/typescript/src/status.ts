import type { Alert, Metrics, Status, StatusClientMessage, StatusServerMessage } from './messages.js';
import { ManagedSocket, type ConnectionOptions } from './socket.js';

export type StatusTopic = 'status' | 'metrics' | 'alerts';

export interface StatusOptions extends ConnectionOptions {
  environmentId: string;
  /**
   * Topics wanted, default status and metrics. The server starts each connection with those two: on every connect a
   * narrower set is sent as `unsubscribe`, and `alerts` (opt-in) as `subscribe`.
   */
  topics?: StatusTopic[];
}

/** Status changes, resource metrics and firing alerts of one environment; keeps the subscription across reconnects. */
export class StatusClient extends ManagedSocket<StatusServerMessage, StatusClientMessage> {
  private readonly topics: Set<StatusTopic>;
  private latest: Status | undefined;

  constructor(private readonly statusOptions: StatusOptions) {
    super(statusOptions);
    this.topics = new Set(statusOptions.topics ?? ['status', 'metrics']);
  }

  /** The last status received (the server sends the current one first on every connect). */
  get currentStatus(): Status | undefined {
    return this.latest;
  }

  onStatus(listener: (status: Status) => void): () => void {
    return this.onMessage((message) => message.type === 'status' && listener(message));
  }

  /**
   * Every sample, oldest first: on connect the gateway's recent ones (the last 15 minutes, from the first message's
   * `recent`, each handed on as a sample of its own), then each as it comes. After a reconnect the recent ones come
   * again: a listener that keeps samples skips those not newer than the last it holds.
   */
  onMetrics(listener: (metrics: Metrics) => void): () => void {
    return this.onMessage((message) => {
      if (message.type !== 'metrics') return;
      const { recent, ...latest } = message;
      recent?.forEach((earlier) => listener({ type: 'metrics', ...earlier }));
      listener(latest);
    });
  }

  /**
   * Alerts of the environment as they fire while connected (none from before, none from while reconnecting); needs a
   * subscription to `alerts`, in `topics` or by `subscribe('alerts')`.
   */
  onAlert(listener: (alert: Alert) => void): () => void {
    return this.onMessage((message) => message.type === 'alert' && listener(message));
  }

  subscribe(...topics: StatusTopic[]): void {
    const added = topics.filter((topic) => !this.topics.has(topic));
    added.forEach((topic) => this.topics.add(topic));
    if (added.length > 0) this.send({ action: 'subscribe', topics: added as [StatusTopic, ...StatusTopic[]] });
  }

  unsubscribe(...topics: StatusTopic[]): void {
    const removed = topics.filter((topic) => this.topics.has(topic));
    removed.forEach((topic) => this.topics.delete(topic));
    if (removed.length > 0) this.send({ action: 'unsubscribe', topics: removed as [StatusTopic, ...StatusTopic[]] });
  }

  protected path(): string {
    return `/api/v1/ws/environments/${encodeURIComponent(this.statusOptions.environmentId)}/status`;
  }

  protected query(): Record<string, string | number | undefined> {
    return {};
  }

  protected override onOpen(): void {
    const missing = (['status', 'metrics'] as const).filter((topic) => !this.topics.has(topic));
    if (missing.length > 0) this.send({ action: 'unsubscribe', topics: missing as [StatusTopic, ...StatusTopic[]] });
    if (this.topics.has('alerts')) this.send({ action: 'subscribe', topics: ['alerts'] });
  }

  protected override onServerMessage(message: StatusServerMessage): void {
    if (message.type === 'status') this.latest = message;
  }
}
