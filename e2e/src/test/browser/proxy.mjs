// A TCP proxy to the gateway for the browser scripts: the page is opened through it, so a step can drop every
// connection at once like a network failure would (the browser sees 1006), or stop passing the browser's pongs on
// the WebSockets whose request line matches, so that the gateway's heartbeat gives up on them (1000 `heartbeat
// timeout`) while the browser is still there.
import net from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const PONG = 0xa;

/**
 * The client's bytes, passed on frame by frame once the request upgraded to a WebSocket, so that single frames can be
 * left out: `skip(opcode)` says which. Before the upgrade (and on plain HTTP connections) the bytes pass unchanged.
 */
function clientFrames(upstream, onRequestLine, skip) {
  let pending = Buffer.alloc(0);
  let websocket;
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    if (websocket === undefined) {
      const end = pending.indexOf(HEAD_END);
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      onRequestLine(head.split('\r\n', 1)[0]);
      websocket = /^upgrade:\s*websocket/im.test(head);
      upstream.write(pending.subarray(0, end + HEAD_END.length));
      pending = pending.subarray(end + HEAD_END.length);
    }
    if (!websocket) {
      if (pending.length > 0) upstream.write(pending);
      pending = Buffer.alloc(0);
      return;
    }
    for (;;) {
      const length = frameLength(pending);
      if (length === undefined || pending.length < length) return;
      if (!skip(pending[0] & 0x0f)) upstream.write(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** The whole length of the frame at the start of `bytes`, or undefined while its header is incomplete. */
function frameLength(bytes) {
  if (bytes.length < 2) return undefined;
  const masked = (bytes[1] & 0x80) !== 0;
  let payload = bytes[1] & 0x7f;
  let header = 2;
  if (payload === 126) {
    if (bytes.length < 4) return undefined;
    payload = bytes.readUInt16BE(2);
    header = 4;
  } else if (payload === 127) {
    if (bytes.length < 10) return undefined;
    payload = Number(bytes.readBigUInt64BE(2));
    header = 10;
  }
  return header + (masked ? 4 : 0) + payload;
}

/** Starts the proxy to `gateway` (a URL) on a free local port. */
export async function startProxy(gateway) {
  const open = new Set();
  const pongsStopped = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(gateway.port), gateway.hostname);
    const pair = { client, upstream, requestLine: '' };
    open.add(pair);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      open.delete(pair);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.on('data', clientFrames(upstream, (line) => (pair.requestLine = line),
      (opcode) => opcode === PONG && pongsStopped.some((part) => pair.requestLine.includes(part))));
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Resets every connection; returns how many there were. */
    dropAll() {
      const count = open.size;
      for (const { client, upstream } of [...open]) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      open.clear();
      return count;
    },
    /** From now on no pong of a WebSocket whose request line contains `part` reaches the gateway. */
    stopPongs(part) {
      pongsStopped.push(part);
    },
    /** Pongs pass again. */
    passPongs() {
      pongsStopped.length = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
