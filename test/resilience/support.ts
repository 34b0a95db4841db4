// Shared by the resilience tests: a redis-server of one's own (to stop and restart), app
// processes started on a given Redis and prefix (several "processes" share one), and a
// booking driver that answers the bot's questions whatever channel carries them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import type { Running } from '../e2e/http';
import { freePort, redisAnswers } from '../support/net';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
export { freePort };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A throw-away redis-server this test owns: it can be killed, paused and started again on the same port. */
export interface OwnRedis {
  url: string;
  port: number;
  /** kill -9 (a crash); data survives only through the append-only file. */
  crash(): Promise<void>;
  /** Starts it again on the same port and directory (reloads the append-only file). */
  start(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing answers (a hung server or a partition). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startOwnRedis(opts: { appendonly?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-resilience-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir,
    ...(opts.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])];
  let child: ChildProcess | undefined;

  const waitUp = async () => {
    for (let i = 0; i < 200; i++) {
      if (await redisAnswers(port)) return;
      await sleep(25);
    }
    throw new Error(`redis-server did not start on ${port}`);
  };
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve(); else c.once('exit', () => resolve());
  });
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (!c) return;
    try { process.kill(c.pid!, 'SIGCONT'); } catch { /* gone */ }
    try { c.kill(signal); } catch { /* gone */ }
    await exited(c);
  };
  const r: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitUp();
    },
    crash: () => kill('SIGKILL'),
    pause() { if (child?.pid) process.kill(child.pid, 'SIGSTOP'); },
    resume() { if (child?.pid) process.kill(child.pid, 'SIGCONT'); },
    async close() {
      await kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}

/** One app "process" (an app and its HTTP server) on the given Redis and prefix. */
export async function startNode(redisUrl: string, prefix: string, env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<Running> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, { logger: silentLogger, outbound: { backoffMs: 20, requestTimeoutMs: 500 }, ...overrides });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}`, prefix };
}

let seq = 0;
/** A Bot Framework message activity asking for the replies in the HTTP answer (anonymous mode). */
export function activity(conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    type: 'message', id: `r${seq}`, text, channelId: 'webchat', locale: 'fr-FR',
    serviceUrl: 'https://nowhere.example', deliveryMode: 'expectReplies',
    from: { id: `user-${conversationId}` }, recipient: { id: 'bot' },
    conversation: { id: conversationId }, ...extra,
  };
}

/** POST /api/messages with expectReplies: status and reply texts. */
export async function postMessage(base: string, conversationId: string, text: string): Promise<{ status: number; texts: string[] }> {
  const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(conversationId, text)) });
  const raw = await res.text();
  let texts: string[] = [];
  try { texts = ((JSON.parse(raw) as { activities?: { text?: string }[] }).activities ?? []).map((a) => a.text ?? ''); } catch { /* not JSON */ }
  return { status: res.status, texts };
}

export const REF = new RegExp(`\\b(${REF_CODE_PATTERN})\\b`);
export const UNAVAILABLE = /Réessayez dans quelques minutes/;

/** How a person answers each question; lists are used in turn. */
export interface Persona {
  topic?: string;
  forWhom?: string;
  place: string;
  when: string;
  name: string;
  phone?: string;
}

const QUESTIONS: [RegExp, (p: Persona) => string | undefined][] = [
  [/capitule/, () => 'oui'],
  [/Quelle est (votre|son) adresse/, () => '12 rue des Lilas'],
  [/d'accord pour recevoir des SMS/, () => 'oui'],
  [/num[ée]ro de portable/, (p) => p.phone],
  [/nom et (votre |le )?pr[ée]nom|quel nom/i, (p) => p.name],
  [/R[ée]pondez avec un chiffre|R[ée]pondez 1 pour|\n1 /, () => '1'],
  [/Quand /, (p) => p.when],
  [/commune|code postal/, (p) => p.place],
  [/pour vous ou pour un proche/, (p) => p.forWhom ?? '1'],
  [/Pour quelle d[ée]marche/, (p) => p.topic],
];

/** The answer to the bot's last message, or undefined when the booking is done (ref returned). */
export function nextAnswer(replies: readonly string[], persona: Persona): { answer?: string; ref?: string } {
  const all = replies.join('\n');
  const ref = /C'est noté/.test(all) ? REF.exec(all)?.[1] : undefined;
  if (ref) return { ref };
  const last = replies[replies.length - 1] ?? '';
  const q = QUESTIONS.find(([re]) => re.test(last));
  const answer = q?.[1](persona);
  if (answer === undefined) throw new Error(`no answer scripted for: ${all}`);
  return { answer };
}

/**
 * Plays turns through `send` (whatever channel, whatever process) from `replies` until the
 * bot gives a reference; returns it.
 */
export async function finishBooking(send: (text: string, turn: number) => Promise<string[]>, replies: string[], persona: Persona, maxTurns = 20): Promise<string> {
  for (let turn = 0; turn < maxTurns; turn++) {
    const next = nextAnswer(replies, persona);
    if (next.ref) return next.ref;
    replies = await send(next.answer!, turn);
  }
  throw new Error(`booking did not finish; last: ${replies.join(' | ')}`);
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
