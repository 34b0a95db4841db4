// The client's address: the socket's, or — only when the socket is a configured trusted proxy
// (TRUST_PROXY) — the nearest untrusted hop of X-Forwarded-For. A header from anyone else is
// ignored, so nobody picks the address rate limits are keyed on.
import type http from 'node:http';
import proxyaddr from 'proxy-addr';

export type ClientAddress = (req: http.IncomingMessage) => string;
export type TrustCheck = (address: string) => boolean;

export function trustCheck(trustProxy: readonly string[]): TrustCheck {
  const trust = proxyaddr.compile([...trustProxy]);
  return (address) => trust(address, 0);
}

export function clientAddressFrom(trustProxy: readonly string[]): ClientAddress {
  const trust = proxyaddr.compile([...trustProxy]);
  return (req) => (trustProxy.length ? proxyaddr(req, trust) : req.socket.remoteAddress) ?? 'unknown';
}
