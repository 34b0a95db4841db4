// Where an anonymous /api/messages turn may POST its replies. Compared as parsed origins —
// scheme, host and port exactly — never as string prefixes: "http://127.0.0.1:3990\@x",
// "http://0x7f000001", "HTTP://LOCALHOST" and any port not listed are different origins.
// WHATWG URL parsing already folds case and the hex/decimal forms of IPv4 addresses.

export interface Origin { protocol: 'http:' | 'https:'; hostname: string; port: string }

const DEFAULT_PORT = { 'http:': '80', 'https:': '443' } as const;

/** The origin of a URL, or undefined for anything but plain http(s) without credentials. */
export function parseOrigin(value: string): Origin | undefined {
  let url: URL;
  try { url = new URL(value); } catch { return undefined; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined; // userinfo tricks: never a serviceUrl of ours
  return { protocol: url.protocol, hostname: url.hostname, port: url.port || DEFAULT_PORT[url.protocol] };
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

export function serviceUrlAllowed(serviceUrl: string, allowed: readonly Origin[]): boolean {
  const o = parseOrigin(serviceUrl);
  return o !== undefined && allowed.some((a) => sameOrigin(o, a));
}
