// Issue 9 item 2, over real sockets: an Upgrade request is answered and its socket closed;
// slow headers, slow bodies and idle keep-alive sockets are cut; one address cannot hold
// more than its share of sockets.
import net from 'node:net';
import { startApp, type Running } from '../e2e/http';

let run: Running;
let port: number;
beforeAll(async () => {
  run = await startApp({
    HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '600', HTTP_KEEPALIVE_TIMEOUT_MS: '300', MAX_CONNECTIONS_PER_ADDRESS: '20',
  });
  port = Number(new URL(run.base).port);
});
const all: net.Socket[] = [];
afterAll(async () => {
  all.forEach((s) => s.destroy()); // on a server that leaks them, close() would wait forever
  await run.app.close();
});

interface Probe { socket: net.Socket; data: () => string; closed: Promise<number> }

/** A raw socket; `closed` resolves with the ms it took the server to close it. */
function connect(): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let buf = '';
    const socket = net.connect(port, '127.0.0.1');
    all.push(socket);
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
    socket.on('data', (d) => { buf += d.toString('latin1'); });
    socket.on('error', () => { /* reset by the server: counted as closed */ });
    socket.once('connect', () => resolve({ socket, data: () => buf, closed }));
    socket.once('error', reject);
  });
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
const openSockets = () => new Promise<number>((r, j) => run.app.server.server.getConnections((e, n) => (e ? j(e) : r(n))));
async function settleTo(n: number, ms = 3000): Promise<number> {
  const end = Date.now() + ms;
  let open = await openSockets();
  while (open > n && Date.now() < end) { await new Promise((r) => setTimeout(r, 25)); open = await openSockets(); }
  return open;
}

describe('HTTP server limits', () => {
  it('answers every Upgrade: websocket request and closes its socket (no descriptor leak)', async () => {
    const paths = ['/', '/api/messages', '/v3/directline/conversations/x/stream', '/nothing'];
    for (let round = 0; round < 15; round++) {
      const probes = await Promise.all(Array.from({ length: 16 }, () => connect()));
      probes.forEach((p, i) => p.socket.write(`GET ${paths[i % paths.length]} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`));
      const times = await Promise.all(probes.map((p) => within(p.closed, 2000)));
      expect(times.filter((t) => t === 'timeout')).toEqual([]);
      for (const p of probes) expect(p.data()).toMatch(/^HTTP\/1\.1 400 /);
    }
    // 240 upgrades later, nothing is left open and the server still answers.
    expect(await settleTo(0)).toBe(0);
    expect((await fetch(`${run.base}/healthz`)).status).toBe(200);
  });

  it('cuts a client that sends its headers too slowly', async () => {
    const p = await connect();
    p.socket.write('GET /healthz HTTP/1.1\r\n');
    const drip = setInterval(() => { if (!p.socket.destroyed) p.socket.write('X-a: b\r\n'); }, 100);
    const t = await within(p.closed, 3000);
    clearInterval(drip);
    expect(t).not.toBe('timeout');
    expect(t as number).toBeLessThan(1500);
  });

  it('cuts a request whose body never ends', async () => {
    const p = await connect();
    p.socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    const t = await within(p.closed, 3000);
    expect(t).not.toBe('timeout');
  });

  it('closes an idle keep-alive socket', async () => {
    const p = await connect();
    p.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const t = await within(p.closed, 3000);
    expect(p.data()).toMatch(/^HTTP\/1\.1 200 /);
    expect(t).not.toBe('timeout');
  });

  it('one address cannot hold more than MAX_CONNECTIONS_PER_ADDRESS sockets', async () => {
    const probes = await Promise.all(Array.from({ length: 30 }, () => connect()));
    const early = await Promise.all(probes.map((p) => within(p.closed, 250)));
    const refused = early.filter((t) => t !== 'timeout').length;
    expect(refused).toBe(10);
    expect(probes.filter((p) => /^HTTP\/1\.1 503 /.test(p.data()))).toHaveLength(10);
    probes.forEach((p) => p.socket.destroy());
    await settleTo(0);
    expect((await fetch(`${run.base}/healthz`)).status).toBe(200);
  });
});
