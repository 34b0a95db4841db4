// Socket-level limits of the HTTP server: one client must not be able to hold the process's
// file descriptors. restify forwards `upgrade` to itself and nothing answers it, so without
// this an `Upgrade: websocket` request keeps its socket open forever.
import type http from 'node:http';
import type { Socket } from 'node:net';

export interface HttpLimits {
  /** From accept to the end of the request headers (slowloris). */
  headersTimeoutMs: number;
  /** From the request headers to the end of the answer. */
  requestTimeoutMs: number;
  /** Idle keep-alive socket between two requests. */
  keepAliveTimeoutMs: number;
  /** Open sockets one address may hold (0 = no cap). Trusted proxies are exempt. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnectionsPerAddress: 128,
};

const UPGRADE_REFUSED = JSON.stringify({ error: { code: 'BadRequest', message: 'WebSocket is not supported: use HTTP polling (webSocket: false)' } });

/** Closes a raw socket after a short HTTP answer (upgrade, over-cap). */
function answerAndClose(socket: Socket, status: string, body: string): void {
  if (socket.destroyed) return;
  socket.on('error', () => { /* the peer is gone: nothing to do */ });
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  // A peer that never reads would keep the socket half-open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

export function guardHttpServer(server: http.Server, limits: HttpLimits, isTrusted: (address: string) => boolean = () => false): void {
  // Node's own checks run only every 30 s (connectionsCheckingInterval): a backstop, ours are per socket.
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.headersTimeout = Math.max(limits.headersTimeoutMs, limits.keepAliveTimeoutMs + 1000);
  server.requestTimeout = limits.requestTimeoutMs + limits.headersTimeoutMs;

  const open = new Map<string, number>();
  const headersDeadline = new WeakMap<Socket, NodeJS.Timeout>();

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    open.set(address, count);
    socket.once('close', () => {
      const n = (open.get(address) ?? 1) - 1;
      if (n <= 0) open.delete(address); else open.set(address, n);
      clearTimeout(headersDeadline.get(socket));
    });
    if (limits.maxConnectionsPerAddress > 0 && count > limits.maxConnectionsPerAddress && !isTrusted(address)) {
      answerAndClose(socket, '503 Service Unavailable', JSON.stringify({ error: { code: 'TooManyConnections', message: 'Too many open connections from this address' } }));
      return;
    }
    headersDeadline.set(socket, setTimeout(() => socket.destroy(), limits.headersTimeoutMs).unref());
  });

  // Before restify's own listener: the headers are in, start the answer's deadline.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    clearTimeout(headersDeadline.get(socket));
    const deadline = setTimeout(() => socket.destroy(), limits.requestTimeoutMs).unref();
    res.once('close', () => {
      clearTimeout(deadline);
      // Next request on this keep-alive socket: its headers get the same deadline.
      if (!socket.destroyed) headersDeadline.set(socket, setTimeout(() => socket.destroy(), limits.keepAliveTimeoutMs + limits.headersTimeoutMs).unref());
    });
  });

  server.on('upgrade', (_req: http.IncomingMessage, socket: Socket) => {
    clearTimeout(headersDeadline.get(socket));
    answerAndClose(socket, '400 Bad Request', UPGRADE_REFUSED);
  });
}

/** How many sockets are open per address (tests, metrics). */
export function openConnections(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}
