// Issue 9 item 4: ALLOWED_SERVICE_URLS is a list of exact origins. Other ports, encodings of
// 127.0.0.1, case tricks and userinfo never receive a reply; the default [::1] entry works.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type Running } from '../e2e/http';
import { parseOrigin, serviceUrlAllowed } from '../../src/origin';

interface Sink { url: string; port: number; requests: string[]; close(): Promise<void> }

async function sink(host: string, onRequest?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean): Promise<Sink> {
  const requests: string[] = [];
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      if (onRequest?.(req, res)) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
  });
  await new Promise<void>((r) => srv.listen(0, host, () => r()));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, requests,
    close: () => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }),
  };
}

let seq = 0;
async function post(run: Running, serviceUrl: string): Promise<number> {
  seq += 1;
  const res = await fetch(`${run.base}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', id: `s${seq}`, text: 'bonjour', channelId: 'emulator', serviceUrl, from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: `svc-${seq}` } }),
  });
  await res.text();
  return res.status;
}

const settle = () => new Promise((r) => setTimeout(r, 300));
const until = async (pred: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
};

let allowed: Sink; let other: Sink; let v6: Sink; let bouncer: Sink;
let run: Running; let defaults: Running;
beforeAll(async () => {
  other = await sink('127.0.0.1');
  allowed = await sink('127.0.0.1');
  v6 = await sink('::1');
  bouncer = await sink('127.0.0.1', (_req, res) => {
    res.writeHead(307, { location: `${other.url}/v3/stolen` });
    res.end();
    return true;
  });
  run = await startApp({ ALLOWED_SERVICE_URLS: `${allowed.url},http://[::1]:${v6.port},${bouncer.url}` });
  defaults = await startApp();
});
afterAll(async () => {
  await run.app.close(); await defaults.app.close();
  await Promise.all([allowed, other, v6, bouncer].map((s) => s.close()));
});

describe('ALLOWED_SERVICE_URLS: exact scheme, host and port', () => {
  it('refuses other ports, encodings of 127.0.0.1, upper case and userinfo tricks, and posts nothing', async () => {
    const p = other.port;
    const attempts = [
      `http://127.0.0.1:${p}`, `http://0x7f000001:${p}`, `http://2130706433:${p}`, `http://0177.0.0.1:${p}`,
      `HTTP://LOCALHOST:${p}`, `http://localhost:${p}`, `http://[::ffff:127.0.0.1]:${p}`,
      `http://127.0.0.1:${allowed.port}@127.0.0.1:${p}/`, `http://u:pw@127.0.0.1:${allowed.port}/`,
      `${allowed.url}.attacker.example`, `https://127.0.0.1:${allowed.port}`, `ftp://127.0.0.1:${allowed.port}`,
    ];
    for (const url of attempts) expect([url, await post(run, url)]).toEqual([url, 403]);
    await settle();
    expect(other.requests).toEqual([]);
    expect(allowed.requests).toEqual([]);
  });

  it('the default list (no port = 80) refuses any other loopback port', async () => {
    for (const url of [`http://127.0.0.1:${other.port}`, `http://localhost:${other.port}`, `http://127.0.0.1:${other.port}\\@x`, `http://[::1]:${other.port}`]) {
      expect([url, await post(defaults, url)]).toEqual([url, 403]);
    }
    await settle();
    expect(other.requests).toEqual([]);
  });

  it('an exactly listed origin gets its replies, IPv6 [::1] included', async () => {
    expect(await post(run, allowed.url)).toBeLessThan(300);
    expect(await post(run, `http://[::1]:${v6.port}`)).toBeLessThan(300);
    await until(() => allowed.requests.length > 0 && v6.requests.length > 0);
    expect(allowed.requests[0]).toMatch(/^POST \/v3\/conversations\/svc-\d+\/activities/);
    expect(v6.requests[0]).toMatch(/^POST \/v3\/conversations\/svc-\d+\/activities/);
  });

  it('a listed serviceUrl that redirects does not bounce the reply elsewhere', async () => {
    expect(await post(run, bouncer.url)).toBeLessThan(300);
    await until(() => bouncer.requests.length > 0);
    await settle();
    expect(bouncer.requests.length).toBeGreaterThan(0);
    expect(other.requests).toEqual([]);
  });

  it('parses origins with default ports and folds case and IPv4 encodings', () => {
    expect(parseOrigin('HTTP://LOCALHOST')).toEqual({ protocol: 'http:', hostname: 'localhost', port: '80' });
    expect(parseOrigin('http://0x7f000001:81')).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: '81' });
    expect(parseOrigin('https://[::1]')).toEqual({ protocol: 'https:', hostname: '[::1]', port: '443' });
    expect(parseOrigin('http://a@b')).toBeUndefined();
    const list = [parseOrigin('http://127.0.0.1')!];
    expect(serviceUrlAllowed('http://127.0.0.1:80/x', list)).toBe(true);
    expect(serviceUrlAllowed('http://127.0.0.1:8080/x', list)).toBe(false);
  });
});
