import type { Metrics, Status, StatusClientMessage, StatusServerMessage } from './messages.js';
import { ManagedSocket, type ConnectionOptions } from './socket.js';

export type StatusTopic = 'status' | 'metrics';

export interface StatusOptions extends ConnectionOptions {
  environmentId: string;
  /** Topics wanted; the server starts with both, so a narrower set is sent as `unsubscribe` on every connect. */
  topics?: StatusTopic[];
}

/** Status changes and resource metrics of one environment; keeps the subscription across reconnects. */
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

  onMetrics(listener: (metrics: Metrics) => void): () => void {
    return this.onMessage((message) => message.type === 'metrics' && listener(message));
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
  }

  protected override onServerMessage(message: StatusServerMessage): void {
    if (message.type === 'status') this.latest = message;
  }
}
