import { backoffDelay, BACKOFF_MS, closeAction, describeClose } from './close-codes.js';

/** The parts of the WHATWG WebSocket this client uses (browsers, Node 22+, or the `ws` package's class). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Where the token comes from: fixed, or asked for before every connection. */
export type TokenSource = string | (() => string | undefined);

export interface ConnectionOptions {
  /** The gateway, e.g. `http://localhost:8080` (ws/wss is derived); defaults to the page's origin. */
  baseUrl?: string;
  token: TokenSource;
  /** Called after a 4401 close; a token returned is used for one more attempt, none stops. */
  refreshToken?: () => Promise<string | undefined>;
  /**
   * How the token travels: `query` (`?token=`, default: every endpoint takes it) or `subprotocol`
   * (`bearer.<JWT>` beside `envstream.v1`, keeps it out of URLs; needs an endpoint that selects `envstream.v1`).
   */
  tokenIn?: 'query' | 'subprotocol';
  /** Defaults to `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Reconnect delays in ms; defaults to 1, 2, 4, 8, 16 s. */
  backoff?: readonly number[];
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
}

/** What the connection is doing, for a person to see. */
export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'waiting'; attempt: number; delayMs: number; retryAt: number; code: number; reason: string; description: string }
  | { kind: 'closed'; code: number; reason: string; description: string };

const OPEN = 1;

/**
 * One logical connection to an endpoint that survives drops: reconnects with the protocol's backoff on the codes
 * PROTOCOL.md lists, asks for a fresh token on 4401, gives up on the rest. Retries count from the last connection
 * that delivered a message, so a server that accepts and then at once refuses (4429) still runs out of retries.
 */
export abstract class ManagedSocket<In, Out> {
  private socket: WebSocketLike | undefined;
  private attempt = 0;
  private refreshed = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private currentState: ConnectionState = { kind: 'connecting', attempt: 0 };
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly messageListeners = new Set<(message: In) => void>();
  private token: string | undefined;
  private freshToken: string | undefined;

  protected constructor(protected readonly options: ConnectionOptions) {}

  /** The endpoint path, e.g. `/api/v1/ws/environments/web/logs`. */
  protected abstract path(): string;

  /** Query parameters of the next connection (without the token). */
  protected abstract query(): Record<string, string | number | undefined>;

  /** After every (re)connection, before messages flow: restore what the server must know. */
  protected onOpen(): void {}

  /** Every message, before listeners see it. */
  protected onServerMessage(_message: In): void {}

  /** Every close of a connection, before the reconnect decision. */
  protected onClose(_code: number): void {}

  get state(): ConnectionState {
    return this.currentState;
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onMessage(listener: (message: In) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Opens the connection; call once. */
  connect(): this {
    this.open();
    return this;
  }

  /** Closes for good (1000); no reconnect. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    try {
      socket?.close(1000, 'client closed');
    } catch {
      // the ws package throws when closing before the handshake ended; browsers abandon the attempt instead
    }
    this.setState({ kind: 'closed', code: 1000, reason: 'client closed', description: describeClose(1000) });
  }

  /** Reconnects now, skipping a pending backoff wait (a person's "retry now"). */
  reconnectNow(): void {
    if (this.currentState.kind === 'waiting' || this.currentState.kind === 'closed') {
      clearTimeout(this.timer);
      this.stopped = false;
      this.open();
    }
  }

  /** Sends when open; returns false (and sends nothing) otherwise, since a reconnect restores state itself. */
  protected send(message: Out): boolean {
    if (this.socket === undefined || this.socket.readyState !== OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private open(): void {
    const Impl = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (Impl === undefined) {
      throw new TypeError('no WebSocket implementation: pass options.WebSocket (e.g. the ws package) on Node < 22');
    }
    this.token = this.freshToken ?? (typeof this.options.token === 'function' ? this.options.token() : this.options.token);
    this.setState({ kind: 'connecting', attempt: this.attempt });
    const url = this.url();
    const socket =
      this.options.tokenIn === 'subprotocol' && this.token
        ? new Impl(url, ['envstream.v1', `bearer.${this.token}`])
        : new Impl(url);
    this.socket = socket;
    let delivered = false;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.setState({ kind: 'open' });
      this.onOpen();
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      if (!delivered) {
        delivered = true;
        this.attempt = 0;
        this.refreshed = false;
      }
      const message = JSON.parse(event.data) as In;
      this.onServerMessage(message);
      for (const listener of this.messageListeners) listener(message);
    });
    // a close event follows every error and its code says what happened
    socket.addEventListener('error', () => undefined);
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.onClose(event.code);
      void this.closed(event.code, event.reason ?? '');
    });
  }

  private url(): string {
    const base = new URL(this.options.baseUrl ?? (globalThis as { location?: { origin: string } }).location?.origin ?? 'http://localhost:8080');
    base.protocol = base.protocol === 'https:' || base.protocol === 'wss:' ? 'wss:' : 'ws:';
    const url = new URL(this.path(), base);
    for (const [name, value] of Object.entries(this.query())) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    if (this.options.tokenIn !== 'subprotocol' && this.token) {
      url.searchParams.set('token', this.token);
    }
    return url.toString();
  }

  private async closed(code: number, reason: string): Promise<void> {
    if (this.stopped) return;
    const description = describeClose(code, reason);
    const action = closeAction(code, reason);
    if (action === 'refresh-token' && this.options.refreshToken && !this.refreshed) {
      this.refreshed = true;
      const fresh = await this.options.refreshToken().catch(() => undefined);
      if (fresh && !this.stopped) {
        this.freshToken = fresh;
        this.open();
        return;
      }
    }
    const delay = action === 'retry'
      ? backoffDelay(this.attempt, (this.options.random ?? Math.random)(), this.options.backoff ?? BACKOFF_MS)
      : undefined;
    if (delay === undefined) {
      this.stopped = true;
      this.setState({ kind: 'closed', code, reason, description });
      return;
    }
    const attempt = this.attempt++;
    this.setState({ kind: 'waiting', attempt, delayMs: delay, retryAt: Date.now() + delay, code, reason, description });
    this.timer = setTimeout(() => this.open(), delay);
  }

  private setState(state: ConnectionState): void {
    this.currentState = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
