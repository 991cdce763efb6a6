import { UNAUTHORIZED } from './close-codes.js';
import type { TerminalClientMessage, TerminalServerMessage } from './messages.js';
import { ManagedSocket, type ConnectionOptions } from './socket.js';

export interface TerminalOptions extends ConnectionOptions {
  environmentId: string;
  /** Initial size, so the first screen is right. */
  cols?: number;
  rows?: number;
  /** Command to run (server default `/bin/bash`, falling back to `/bin/sh`). */
  cmd?: string;
  /** Reattach to a detached session. */
  session?: string;
}

/**
 * An interactive PTY in an environment. Keeps the size and the session id so a reconnect after a drop starts with
 * the right size; after {@link detach} a reconnect reattaches to the same shell (`?session=`), which replays what it
 * printed meanwhile. A shell whose token expires (4401 after `ready`) was detached by the gateway, so the reconnect
 * with the fresh token reattaches to it.
 */
export class TerminalClient extends ManagedSocket<TerminalServerMessage, TerminalClientMessage> {
  private cols: number | undefined;
  private rows: number | undefined;
  private session: string | undefined;
  private detached = false;
  /** Whether the current connection's shell is ready. */
  private ready = false;

  constructor(private readonly terminalOptions: TerminalOptions) {
    super(terminalOptions);
    this.cols = terminalOptions.cols;
    this.rows = terminalOptions.rows;
    this.session = terminalOptions.session;
    this.detached = terminalOptions.session !== undefined;
  }

  get sessionId(): string | undefined {
    return this.session;
  }

  onReady(listener: (session: string) => void): () => void {
    return this.onMessage((message) => message.type === 'ready' && listener(message.session));
  }

  /** PTY output as text (never a split UTF-8 character). */
  onOutput(listener: (data: string) => void): () => void {
    return this.onMessage((message) => message.type === 'output' && listener(message.data));
  }

  onExit(listener: (code: number) => void): () => void {
    return this.onMessage((message) => message.type === 'exit' && listener(message.code));
  }

  /** Keystrokes; returns false when not connected. */
  input(data: string): boolean {
    return this.send({ type: 'input', data });
  }

  resize(cols: number, rows: number): void {
    if (cols < 1 || rows < 1) return;
    this.cols = cols;
    this.rows = rows;
    this.send({ type: 'resize', cols, rows });
  }

  /** Keeps the shell running after the socket closes; reconnecting reattaches. */
  detach(): void {
    this.detached = true;
    this.send({ type: 'detach' });
  }

  protected path(): string {
    return `/api/v1/ws/environments/${encodeURIComponent(this.terminalOptions.environmentId)}/terminal`;
  }

  protected query(): Record<string, string | number | undefined> {
    return {
      cols: this.cols,
      rows: this.rows,
      cmd: this.terminalOptions.cmd,
      session: this.detached ? this.session : undefined,
    };
  }

  protected override onServerMessage(message: TerminalServerMessage): void {
    if (message.type === 'ready') {
      this.session = message.session;
      this.ready = true;
    }
  }

  protected override onClose(code: number): void {
    if (code === UNAUTHORIZED && this.ready) this.detached = true;
    this.ready = false;
  }
}
