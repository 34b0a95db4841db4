// The HTTP client of CloudAdapter's replies (botbuilder's ServiceClientOptions.httpClient),
// on Node's fetch. Why our own: the SDK's client hands URL.hostname to http.request, and for
// an IPv6 literal that keeps its brackets ("[::1]"), so DNS fails and an allow-listed
// http://[::1]:port never gets its replies. fetch also lets us refuse redirects: a serviceUrl
// on the allow-list cannot bounce a reply to an address that is not.
interface HeadersLike { toJson(opts?: { preserveCase?: boolean }): Record<string, string> }
interface WebResourceLike { url: string; method: string; headers: HeadersLike; body?: unknown; timeout?: number }

const REPLY_TIMEOUT_MS = 15_000;

class ResponseHeaders implements HeadersLike {
  constructor(private readonly map: Record<string, string>) {}
  get(name: string): string | undefined { return this.map[name.toLowerCase()]; }
  contains(name: string): boolean { return name.toLowerCase() in this.map; }
  rawHeaders(): Record<string, string> { return { ...this.map }; }
  toJson(): Record<string, string> { return { ...this.map }; }
  headerNames(): string[] { return Object.keys(this.map); }
  headerValues(): string[] { return Object.values(this.map); }
  headersArray(): { name: string; value: string }[] { return Object.entries(this.map).map(([name, value]) => ({ name, value })); }
  clone(): ResponseHeaders { return new ResponseHeaders({ ...this.map }); }
}

export const connectorHttpClient = {
  async sendRequest(req: WebResourceLike) {
    const body = req.body === undefined || req.body === null ? undefined
      : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers.toJson({ preserveCase: true }),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeout || REPLY_TIMEOUT_MS),
    });
    const bodyAsText = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => { headers[name] = value; });
    return { request: req, status: res.status, headers: new ResponseHeaders(headers), bodyAsText };
  },
};
