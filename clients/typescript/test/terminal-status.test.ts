import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TerminalClient } from '../src/terminal.js';
import { StatusClient } from '../src/status.js';
import type { WebSocketConstructor } from '../src/socket.js';
import { TestServer } from './server.js';

const Impl = WebSocket as unknown as WebSocketConstructor;
let server: TestServer | undefined;
const clients: Array<{ close(): void }> = [];

afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  await server?.stop();
});

describe('TerminalClient', () => {
  it('opens with the size, sends input and resize, and reports ready, output and exit', async () => {
    server = await TestServer.start((c) => {
      c.socket.send(JSON.stringify({ type: 'ready', session: 's-1' }));
      c.socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'input') c.socket.send(JSON.stringify({ type: 'output', data: message.data.trim() + '\r\n' }));
        if (message.type === 'resize') {
          c.socket.send(JSON.stringify({ type: 'exit', code: 0 }));
          c.socket.close(1000, 'shell exited');
        }
      });
    });
    const terminal = new TerminalClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, cols: 80, rows: 24 });
    clients.push(terminal);
    const seen: unknown[] = [];
    terminal.onReady((session) => seen.push(`ready ${session}`));
    terminal.onOutput((data) => seen.push(data));
    terminal.onExit((code) => seen.push(`exit ${code}`));
    terminal.connect();
    await server.until(() => seen.length === 1);
    terminal.input('echo hi\r');
    await server.until(() => seen.length === 2);
    terminal.resize(120, 30);
    await server.until(() => terminal.state.kind === 'closed');
    expect(seen).toEqual(['ready s-1', 'echo hi\r\n', 'exit 0']);
    expect(Object.fromEntries(server.connections[0]!.url.searchParams)).toEqual({ cols: '80', rows: '24', token: 't' });
    expect(server.connections[0]!.received).toEqual([{ type: 'input', data: 'echo hi\r' }, { type: 'resize', cols: 120, rows: 30 }]);
    expect(terminal.state).toMatchObject({ kind: 'closed', code: 1000 });
    expect(terminal.sessionId).toBe('s-1');
  });

  it('when its token expires (4401, the gateway detached the shell), reattaches to the same session with a fresh token', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'ready', session: 'sess-7' }));
      if (index === 0) c.socket.close(4401, 'token expired');
    });
    const terminal = new TerminalClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, refreshToken: async () => 't-2' });
    clients.push(terminal);
    terminal.connect();
    await server.until(() => server!.connections.length === 2 && terminal.state.kind === 'open');
    expect(Object.fromEntries(server.connections[1]!.url.searchParams)).toEqual({ session: 'sess-7', token: 't-2' });
  });

  it('refused with 4401 before its shell is ready, does not ask for a session it never had', async () => {
    server = await TestServer.start((c, index) => {
      if (index === 0) c.socket.close(4401, 'invalid or missing token');
      else c.socket.send(JSON.stringify({ type: 'ready', session: 'sess-8' }));
    });
    const terminal = new TerminalClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, refreshToken: async () => 't-2' });
    clients.push(terminal);
    terminal.connect();
    await server.until(() => terminal.sessionId === 'sess-8');
    expect(Object.fromEntries(server.connections[1]!.url.searchParams)).toEqual({ token: 't-2' });
  });

  it('after a detach, reconnects to the same session with the last size', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'ready', session: 'sess-9' }));
      if (index === 0) c.socket.on('message', (data) => JSON.parse(data.toString()).type === 'detach' && c.socket.close(1001, 'going away'));
    });
    const terminal = new TerminalClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, backoff: [10], random: () => 0 });
    clients.push(terminal);
    terminal.connect();
    await server.until(() => terminal.sessionId === 'sess-9');
    terminal.resize(100, 40);
    terminal.detach();
    await server.until(() => server!.connections.length === 2);
    expect(Object.fromEntries(server.connections[1]!.url.searchParams)).toEqual({ cols: '100', rows: '40', session: 'sess-9', token: 't' });
  });
});

describe('StatusClient', () => {
  it('reports status and metrics and keeps a narrowed subscription across reconnects', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'status', status: index === 0 ? 'running' : 'restarting', timestamp: '2025-10-01T12:00:00Z' }));
      c.socket.send(JSON.stringify({ type: 'metrics', cpu: 4.5, memory: 20, memoryLimit: 512, network: { rx: 10, tx: 20 }, timestamp: '2025-10-01T12:00:05Z' }));
      if (index === 0) c.socket.on('message', () => c.socket.close(1011, 'oops'));
    });
    const status = new StatusClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, backoff: [10], random: () => 0 });
    clients.push(status);
    const statuses: string[] = [];
    const cpu: number[] = [];
    status.onStatus((s) => statuses.push(s.status));
    status.onMetrics((m) => cpu.push(m.cpu));
    status.connect();
    await server.until(() => cpu.length === 1);
    status.unsubscribe('metrics');
    await server.until(() => statuses.length === 2 && server!.connections[1]!.received.length === 1);
    expect(server.connections[0]!.received).toEqual([{ action: 'unsubscribe', topics: ['metrics'] }]);
    expect(server.connections[1]!.received).toEqual([{ action: 'unsubscribe', topics: ['metrics'] }]);
    expect(statuses).toEqual(['running', 'restarting']);
    expect(status.currentStatus?.status).toBe('restarting');
    expect(server.connections[1]!.url.pathname).toBe('/api/v1/ws/environments/web/status');
  });

  it('hands on the recent samples of the first message one by one, oldest first, then the latest', async () => {
    const sample = (cpu: number, second: number) => ({ cpu, memory: 20, memoryLimit: 512, network: { rx: 10, tx: 20 }, timestamp: `2025-10-01T12:00:0${second}Z` });
    server = await TestServer.start((c) => {
      c.socket.send(JSON.stringify({ type: 'metrics', ...sample(3, 3), recent: [sample(1, 1), sample(2, 2)] }));
      c.socket.send(JSON.stringify({ type: 'metrics', ...sample(4, 4) }));
    });
    const status = new StatusClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl });
    clients.push(status);
    const seen: Array<Record<string, unknown>> = [];
    status.onMetrics((m) => seen.push(m as unknown as Record<string, unknown>));
    status.connect();
    await server.until(() => seen.length === 4);
    expect(seen.map((m) => m.cpu)).toEqual([1, 2, 3, 4]);
    expect(seen.every((m) => m.type === 'metrics' && !('recent' in m))).toBe(true);
  });

  it('subscribes to alerts when asked, on every connect, and reports them typed', async () => {
    const alert = {
      type: 'alert', id: '7:web:1767261600000', ruleId: 7, rule: 'errors', kind: 'LOG_PATTERN',
      summary: '5 lines matched ERROR within 60 s', observed: 5, threshold: 5,
      windowStart: '2026-01-01T10:00:00Z', fired: '2026-01-01T10:00:31Z',
    };
    server = await TestServer.start((c, index) => {
      c.socket.on('message', (data) => {
        if (JSON.parse(data.toString()).action !== 'subscribe') return;
        c.socket.send(JSON.stringify({ ...alert, id: `7:web:${index}` }));
        if (index === 0) c.socket.close(1011, 'oops');
      });
    });
    const status = new StatusClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl, backoff: [10], random: () => 0 });
    clients.push(status);
    const alerts: string[] = [];
    status.onAlert((a) => alerts.push(`${a.id} ${a.kind} ${a.summary}`));
    status.connect();
    await server.until(() => server!.connections.length === 1);
    expect(alerts).toEqual([]);
    status.subscribe('alerts');
    await server.until(() => alerts.length === 2);
    expect(server.connections[0]!.received).toEqual([{ action: 'subscribe', topics: ['alerts'] }]);
    expect(server.connections[1]!.received).toEqual([{ action: 'subscribe', topics: ['alerts'] }]);
    expect(alerts).toEqual(['7:web:0 LOG_PATTERN 5 lines matched ERROR within 60 s', '7:web:1 LOG_PATTERN 5 lines matched ERROR within 60 s']);
  });

  it('sends nothing on connect with the default topics, so alerts stay off', async () => {
    server = await TestServer.start((c) => {
      c.socket.send(JSON.stringify({ type: 'status', status: 'running', timestamp: '2025-10-01T12:00:00Z' }));
    });
    const status = new StatusClient({ baseUrl: server.baseUrl, environmentId: 'web', token: 't', WebSocket: Impl });
    clients.push(status);
    const statuses: string[] = [];
    status.onStatus((s) => statuses.push(s.status));
    status.connect();
    await server.until(() => statuses.length === 1);
    status.unsubscribe('alerts');
    status.unsubscribe('metrics');
    // messages keep their order: anything sent on connect would come before this one
    await server.until(() => server!.connections[0]!.received.length === 1);
    expect(server.connections[0]!.received).toEqual([{ action: 'unsubscribe', topics: ['metrics'] }]);
  });
});
