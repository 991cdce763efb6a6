import type { ConnectionOptions, ReplaySpeed } from '@envstream/client';
import { h } from './dom.js';
import { LogPanel } from './log-panel.js';
import { ReplayTimeline } from './replay-timeline.js';

/**
 * The logs tab: the replay timeline above a log panel. Replaying, jumping to a time and going back to live each open
 * a new panel (a new connection with `since` and `speed`, or with the usual tail), since a connection's starting
 * point is fixed; a running replay's speed is changed on its connection. Choosing a speed otherwise only sets the next
 * replay's: sent on a live connection it would be refused, and its client would resume as a replay after a drop.
 */
export class LogsTab {
  readonly element = h('div', { class: 'logs-tab' });
  private readonly timeline: ReplayTimeline;
  private panel: LogPanel;
  /** Whether the panel's connection is a paced replay that has not joined live yet. */
  private replaying = false;

  constructor(
    private readonly environmentId: string,
    private readonly connection: ConnectionOptions,
    private readonly onUnauthorized: () => void,
    line?: { cursor: string; timestamp: string },
  ) {
    const token = connection.token;
    this.timeline = new ReplayTimeline(environmentId, typeof token === 'function' ? token : () => token, {
      replay: (since, speed) => this.open({ since, speed }),
      jump: (since) => this.open({ since }),
      speed: (speed) => {
        if (this.replaying) this.panel.client.setSpeed(speed);
      },
      live: () => this.open(undefined),
    });
    this.panel = this.start(line ? { since: line.timestamp } : undefined, line);
    this.element.append(this.timeline.element, this.panel.element);
  }

  dispose(): void {
    this.timeline.dispose();
    this.panel.dispose();
  }

  private open(history: { since: string; speed?: ReplaySpeed } | undefined): void {
    const old = this.panel;
    old.dispose();
    this.panel = this.start(history);
    old.element.replaceWith(this.panel.element);
  }

  private start(history: { since: string; speed?: ReplaySpeed } | undefined, line?: { cursor: string; timestamp: string }): LogPanel {
    const panel = new LogPanel(this.environmentId, this.connection, this.onUnauthorized, line, history);
    this.timeline.showMode(history ? { kind: 'history', ...history } : { kind: 'live' });
    this.replaying = history?.speed !== undefined;
    if (history) {
      panel.client.onReplay((replay) => this.timeline.showMode({ kind: 'history', since: history.since, at: replay.timestamp, speed: replay.speed }));
      panel.client.onLive(() => {
        this.replaying = false;
        this.timeline.showMode({ kind: 'history', since: history.since });
      });
    }
    return panel;
  }
}
