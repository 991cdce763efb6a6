import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

/** One connection the test server accepted: its URL, what the client sent, and the socket to answer on. */
export interface Accepted {
  url: URL;
  protocols: string[];
  socket: WebSocket;
  received: unknown[];
}

/**
 * A real WebSocket server on a free local port; each accepted connection is handed to `onConnection`, so a test
 * scripts what the "gateway" says and when it closes.
 */
export class TestServer {
  readonly connections: Accepted[] = [];
  private readonly server: WebSocketServer;
  private waiters: Array<() => void> = [];

  private constructor(onConnection: (accepted: Accepted, index: number) => void) {
    this.server = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      handleProtocols: (protocols) => (protocols.has('envstream.v1') ? 'envstream.v1' : false),
    });
    this.server.on('connection', (socket, request) => {
      const accepted: Accepted = {
        url: new URL(request.url ?? '/', 'http://localhost'),
        protocols: (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean),
        socket,
        received: [],
      };
      socket.on('message', (data) => {
        accepted.received.push(JSON.parse(data.toString()));
        this.notify();
      });
      this.connections.push(accepted);
      this.notify();
      onConnection(accepted, this.connections.length - 1);
    });
  }

  static async start(onConnection: (accepted: Accepted, index: number) => void): Promise<TestServer> {
    const server = new TestServer(onConnection);
    await new Promise<void>((resolve) => server.server.once('listening', resolve));
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once `condition` holds (checked on every connection and message), or fails after `ms`. */
  async until(condition: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met within ' + ms + ' ms');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

/** A protocol-shaped log line whose cursor and seq are derived from `n`. */
export function line(n: number, stream: 'stdout' | 'stderr' = 'stdout') {
  return {
    type: 'log' as const,
    timestamp: new Date(Date.UTC(2025, 9, 1, 12, 0, 0, n)).toISOString(),
    stream,
    message: `line ${n}`,
    meta: { cursor: `c${n}`, container: 'abc', host: 'host-1', seq: n },
  };
}
