// botframework-directlinejs in Node: it calls rxjs' Observable.ajax (XMLHttpRequest, absent
// in Node) unless given an `ajax` service, so we hand it one built on fetch with the same
// response/error shapes. Every request is recorded, headers included.
import { Observable } from 'rxjs/Observable';
import { DirectLine, ConnectionStatus, type Activity, type Message } from 'botframework-directlinejs';

interface AjaxRequest { method?: string; url?: string; body?: unknown; headers?: Record<string, string>; timeout?: number }
export interface Recorded { method: string; url: string; headers: Record<string, string>; status: number }

export function fetchAjax(log: Recorded[]) {
  return (req: AjaxRequest) => Observable.create((sub: { next(v: unknown): void; complete(): void; error(e: unknown): void }) => {
    const ctrl = new AbortController();
    const timer = req.timeout ? setTimeout(() => ctrl.abort(), req.timeout) : undefined;
    const headers = req.headers ?? {};
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    fetch(req.url!, { method: req.method ?? 'GET', headers, body, signal: ctrl.signal }).then(async (res) => {
      const text = await res.text();
      let response: unknown = text;
      try { response = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      log.push({ method: req.method ?? 'GET', url: req.url!, headers, status: res.status });
      const xhr = { status: res.status, getResponseHeader: (h: string) => res.headers.get(h) };
      if (res.ok) { sub.next({ status: res.status, response, xhr }); sub.complete(); } else sub.error({ status: res.status, response, xhr, message: `ajax ${res.status}` });
    }, (err: unknown) => sub.error({ status: 0, xhr: null, message: String(err) })).finally(() => clearTimeout(timer));
    return () => ctrl.abort();
  });
}

/** Node 20 has no global WebSocket; directlinejs reads the identifier even with webSocket: false. */
class NoWebSocket { constructor() { throw new Error('WebSocket not used (polling)'); } }

export class ChatClient {
  readonly received: Activity[] = [];
  readonly requests: Recorded[] = [];
  readonly dl: DirectLine;
  private seq = 0;
  private readonly sub: { unsubscribe(): void };

  constructor(base: string, token: string | undefined, readonly userId: string) {
    this.dl = new DirectLine({
      token, domain: `${base}/v3/directline`, webSocket: false, pollingInterval: 200,
      ajax: fetchAjax(this.requests) as never, WebSocket: NoWebSocket as never,
    });
    this.sub = this.dl.activity$.subscribe((a) => this.received.push(a));
  }

  async waitFor(pred: (a: Activity[]) => boolean, ms = 15000): Promise<void> {
    const until = Date.now() + ms;
    while (!pred(this.received)) {
      if (Date.now() > until) throw new Error(`timeout; received: ${JSON.stringify(this.received.map((a) => (a as Message).text))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Posts a message and resolves with the bot's replies to it (once the poll brought them). */
  async say(text: string): Promise<Message[]> {
    this.seq += 1;
    const clientActivityID = `c-${Date.now()}-${this.seq}`;
    const id = await new Promise<string>((resolve, reject) => {
      this.dl.postActivity({ type: 'message', from: { id: this.userId, role: 'user' }, text, channelData: { clientActivityID } } as never)
        .subscribe({ next: resolve, error: reject });
    });
    expect(id).not.toBe('retry');
    await this.waitFor((all) => all.some((a) => (a as { replyToId?: string }).replyToId === id));
    const echo = this.received.find((a) => a.id === id);
    expect(echo).toMatchObject({ text, from: { role: 'user' }, channelData: { clientActivityID } });
    return this.received.filter((a) => (a as { replyToId?: string }).replyToId === id) as Message[];
  }

  status(): ConnectionStatus { return this.dl.connectionStatus$.getValue(); }

  end(): void {
    this.sub.unsubscribe();
    this.dl.end();
  }
}

export const texts = (ms: Message[]) => ms.map((m) => m.text ?? '').join('\n');
