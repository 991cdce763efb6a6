import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LogsClient } from '../src/logs.js';
import type { ConnectionState, WebSocketConstructor } from '../src/socket.js';
import type { Log } from '../src/messages.js';
import { line, TestServer } from './server.js';

const FAST = [20, 40, 80, 160, 320];
let server: TestServer | undefined;
let client: LogsClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.stop();
});

function logs(options: Partial<ConstructorParameters<typeof LogsClient>[0]> = {}) {
  client = new LogsClient({
    baseUrl: server!.baseUrl,
    environmentId: 'demo web',
    token: 'tok-1',
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    backoff: FAST,
    random: () => 0,
    ...options,
  });
  const lines: Log[] = [];
  const states: ConnectionState[] = [];
  client.onLines((batch) => lines.push(...batch));
  client.onState((state) => states.push(state));
  client.connect();
  return { client, lines, states };
}

describe('LogsClient', () => {
  it('connects with the token, stream and tail, and delivers batch and log lines in order', async () => {
    server = await TestServer.start((c) => {
      c.socket.send(JSON.stringify({ type: 'batch', logs: [line(1), line(2)], count: 2 }));
      c.socket.send(JSON.stringify({ type: 'live' }));
      c.socket.send(JSON.stringify(line(3, 'stderr')));
    });
    const { lines } = logs({ stream: 'stderr', tail: 500 });
    await server.until(() => lines.length === 3);
    const url = server.connections[0]!.url;
    expect(url.pathname).toBe('/api/v1/ws/environments/demo%20web/logs');
    expect(Object.fromEntries(url.searchParams)).toEqual({ stream: 'stderr', tail: '500', token: 'tok-1' });
    expect(lines.map((l) => l.meta.seq)).toEqual([1, 2, 3]);
    expect(client!.lastCursor).toBe('c3');
  });

  it('resumes after a drop from the last cursor, without tail history, re-applying grep and pause', async () => {
    server = await TestServer.start((c, index) => {
      if (index === 0) {
        c.socket.send(JSON.stringify({ type: 'batch', logs: [line(1), line(2)], count: 2 }));
        c.socket.on('message', (data) => {
          if (JSON.parse(data.toString()).action === 'pause') c.socket.close(1011, 'boom');
        });
      } else {
        c.socket.send(JSON.stringify({ type: 'batch', logs: [line(3)], count: 1 }));
      }
    });
    const { lines, states } = logs({ grep: 'ERROR', tail: 50 });
    await server.until(() => lines.length === 2);
    client!.pause();
    await server.until(() => server!.connections.length === 2 && lines.length === 3);
    const second = server.connections[1]!;
    expect(Object.fromEntries(second.url.searchParams)).toEqual({ resume: 'c2', token: 'tok-1' });
    await server.until(() => second.received.length === 2);
    expect(second.received).toEqual([{ action: 'filter', grep: 'ERROR' }, { action: 'pause' }]);
    expect(lines.map((l) => l.meta.seq)).toEqual([1, 2, 3]);
    const waiting = states.find((s) => s.kind === 'waiting');
    expect(waiting).toMatchObject({ kind: 'waiting', code: 1011, delayMs: 20, description: 'the server hit an unexpected error (boom)' });
  });

  it('sends pause, resume, resume from live and filter as the protocol spells them', async () => {
    server = await TestServer.start((c) => c.socket.send(JSON.stringify({ type: 'live' })));
    const { client } = logs();
    await server.until(() => client.state.kind === 'open');
    client.pause();
    client.resume();
    client.resume(true);
    client.filter({ stream: 'stderr' });
    client.filter({ grep: '' });
    await server.until(() => server!.connections[0]!.received.length === 5);
    expect(server.connections[0]!.received).toEqual([
      { action: 'pause' },
      { action: 'resume' },
      { action: 'resume', from: 'live' },
      { action: 'filter', stream: 'stderr' },
      { action: 'filter', grep: '' },
    ]);
    expect(client.filters).toEqual({ stream: 'stderr', grep: undefined });
  });

  it.each([4403, 4404, 1008, 1009])('does not retry after %i', async (code) => {
    server = await TestServer.start((c) => c.socket.close(code, 'refused'));
    const { states } = logs();
    await server.until(() => states.some((s) => s.kind === 'closed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.connections).toHaveLength(1);
    expect(states.at(-1)).toMatchObject({ kind: 'closed', code, reason: 'refused' });
  });

  it('gives up after 5 retries when every connection is refused with 4429 before a message', async () => {
    server = await TestServer.start((c) => c.socket.close(4429, 'too many connections'));
    const { states } = logs();
    await server.until(() => states.some((s) => s.kind === 'closed'), 5000);
    expect(server.connections).toHaveLength(6);
    expect(states.filter((s) => s.kind === 'waiting').map((s) => (s as { delayMs: number }).delayMs)).toEqual(FAST);
    expect(states.at(-1)).toMatchObject({ kind: 'closed', code: 4429 });
  });

  it('counts retries afresh once a connection delivered a message', async () => {
    server = await TestServer.start((c, index) => {
      if (index === 2) c.socket.send(JSON.stringify({ type: 'live' }));
      if (index < 4) c.socket.close(1011, 'again');
    });
    const { states } = logs();
    await server.until(() => server!.connections.length === 5);
    const delays = states.filter((s) => s.kind === 'waiting').map((s) => (s as { delayMs: number }).delayMs);
    expect(delays).toEqual([20, 40, 20, 40]);
  });

  it('on 4401 asks for a fresh token and reconnects with it; a second 4401 stops', async () => {
    server = await TestServer.start((c) => c.socket.close(4401, 'invalid or missing token'));
    let refreshes = 0;
    const { states } = logs({
      refreshToken: async () => {
        refreshes++;
        return 'tok-2';
      },
    });
    await server.until(() => states.some((s) => s.kind === 'closed'));
    expect(refreshes).toBe(1);
    expect(server.connections.map((c) => c.url.searchParams.get('token'))).toEqual(['tok-1', 'tok-2']);
    expect(states.at(-1)).toMatchObject({ kind: 'closed', code: 4401, description: 'not signed in, or the token has expired (invalid or missing token)' });
  });

  it('when an open stream closes with 4401 as its token expires, resumes from the last cursor with a fresh token', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'batch', logs: [line(index + 1)], count: 1 }));
      if (index === 0) c.socket.close(4401, 'token expired');
    });
    const { lines, states } = logs({ refreshToken: async () => 'tok-2' });
    await server.until(() => lines.length === 2);
    const second = server.connections[1]!.url;
    expect(Object.fromEntries(second.searchParams)).toEqual({ resume: 'c1', token: 'tok-2' });
    expect(states.at(-1)).toMatchObject({ kind: 'open' });
  });

  it('after the heartbeat timeout\'s 1000 reconnects and resumes from the last cursor; another 1000 stops', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'batch', logs: [line(index + 1)], count: 1 }));
      c.socket.close(1000, index === 0 ? 'heartbeat timeout' : 'end of history');
    });
    const { lines, states } = logs();
    await server.until(() => lines.length === 2 && states.at(-1)?.kind === 'closed');
    expect(Object.fromEntries(server.connections[1]!.url.searchParams)).toEqual({ resume: 'c1', token: 'tok-1' });
    expect(states.find((s) => s.kind === 'waiting')).toMatchObject({ code: 1000, description: 'closed normally (heartbeat timeout)' });
    expect(states.at(-1)).toMatchObject({ kind: 'closed', code: 1000, reason: 'end of history' });
    expect(server.connections).toHaveLength(2);
  });

  it('sends the token as a bearer subprotocol when asked', async () => {
    server = await TestServer.start((c) => c.socket.send(JSON.stringify({ type: 'live' })));
    const { client } = logs({ tokenIn: 'subprotocol' });
    await server.until(() => client.state.kind === 'open');
    expect(server.connections[0]!.protocols).toEqual(['envstream.v1', 'bearer.tok-1']);
    expect(server.connections[0]!.url.searchParams.has('token')).toBe(false);
  });

  it('passes gap, lag and error messages to their listeners', async () => {
    server = await TestServer.start((c) => {
      c.socket.send(JSON.stringify({ type: 'gap', from: 'a', to: 'b', reason: 'retention' }));
      c.socket.send(JSON.stringify({ type: 'lag', behind: 12 }));
      c.socket.send(JSON.stringify({ type: 'error', code: 'invalid_regex', message: 'bad' }));
    });
    const seen: unknown[] = [];
    client = new LogsClient({ baseUrl: server.baseUrl, environmentId: 'w', token: 't', WebSocket: WebSocket as unknown as WebSocketConstructor });
    client.onGap((gap) => seen.push(gap.reason));
    client.onLag((lag) => seen.push(lag.behind));
    client.onError((error) => seen.push(error.code));
    client.connect();
    await server.until(() => seen.length === 3);
    expect(seen).toEqual(['retention', 12, 'invalid_regex']);
  });

  it('replays with speed and until, sends seek and speed, and reconnects at the current speed after the last line', async () => {
    server = await TestServer.start((c, index) => {
      c.socket.send(JSON.stringify({ type: 'batch', logs: [line(index + 1)], count: 1 }));
      c.socket.send(JSON.stringify({ type: 'replay', cursor: `c${index + 1}`, timestamp: '2025-10-01T12:00:00.500Z', speed: 10 }));
      if (index === 0) {
        c.socket.on('message', (data) => {
          if (JSON.parse(data.toString()).action === 'speed') c.socket.close(1011, 'boom');
        });
      }
    });
    const positions: unknown[] = [];
    const { client, lines } = logs({ since: '2025-10-01T12:00:00Z', speed: 10, until: '2025-10-01T13:00:00Z' });
    client.onReplay((replay) => positions.push([replay.cursor, replay.timestamp, replay.speed]));
    await server.until(() => lines.length === 1 && positions.length === 1);
    const first = server.connections[0]!;
    expect(Object.fromEntries(first.url.searchParams)).toEqual({
      since: '2025-10-01T12:00:00Z',
      speed: '10',
      until: '2025-10-01T13:00:00Z',
      token: 'tok-1',
    });
    client.seek({ since: '2025-10-01T12:30:00Z' });
    client.seek({ resume: 'c0' });
    client.setSpeed('max');
    await server.until(() => server!.connections.length === 2 && lines.length === 2);
    expect(first.received).toEqual([
      { action: 'seek', since: '2025-10-01T12:30:00Z' },
      { action: 'seek', resume: 'c0' },
      { action: 'speed', speed: 'max' },
    ]);
    expect(Object.fromEntries(server.connections[1]!.url.searchParams)).toEqual({
      resume: 'c1',
      speed: 'max',
      until: '2025-10-01T13:00:00Z',
      token: 'tok-1',
    });
    expect(positions[0]).toEqual(['c1', '2025-10-01T12:00:00.500Z', 10]);
  });
});
