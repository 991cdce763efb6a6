import type { ConnectionState, ManagedSocket } from '@envstream/client';
import { h } from './dom.js';

/**
 * A line saying how a connection is doing: connected, or lost with the server's reason in words and a countdown to
 * the next attempt ("retry now" skips it), or closed for good, with a sign-in hint when the token was refused.
 */
export class ConnectionIndicator {
  readonly element: HTMLDivElement;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly label: string,
    private readonly socket: ManagedSocket<unknown, unknown>,
    private readonly onUnauthorized: () => void,
  ) {
    this.element = h('div', { class: 'connection', 'data-testid': `connection-${label}`, role: 'status' });
    socket.onState((state) => this.show(state));
    this.show(socket.state);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private show(state: ConnectionState): void {
    clearInterval(this.timer);
    this.element.dataset.state = state.kind;
    this.element.replaceChildren();
    switch (state.kind) {
      case 'connecting':
        this.element.append(`${this.label}: connecting${state.attempt > 0 ? ` (retry ${state.attempt} of 5)` : ''}…`);
        break;
      case 'open':
        this.element.append(`${this.label}: connected`);
        break;
      case 'waiting': {
        const text = h('span', {});
        const tick = () => {
          const seconds = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
          text.textContent = `${this.label}: ${state.description} (${state.code}). Reconnecting in ${seconds} s (retry ${state.attempt + 1} of 5)`;
        };
        tick();
        this.timer = setInterval(tick, 250);
        const retry = h('button', { type: 'button', class: 'link' }, 'retry now');
        retry.addEventListener('click', () => this.socket.reconnectNow());
        this.element.append(text, ' ', retry);
        break;
      }
      case 'closed': {
        this.element.append(`${this.label}: ${state.description}${state.code === 1000 ? '' : ` (${state.code})`}`);
        if (state.code === 4401) {
          this.onUnauthorized();
        } else if (state.code !== 1000 || state.reason !== 'client closed') {
          const retry = h('button', { type: 'button', class: 'link' }, 'reconnect');
          retry.addEventListener('click', () => this.socket.reconnectNow());
          this.element.append(' ', retry);
        }
        break;
      }
    }
  }
}
