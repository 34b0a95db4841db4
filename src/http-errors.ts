// What a client sees when a route throws: never the internal message (a Redis timeout, a
// stack), always our JSON shape. A store that cannot answer is 503 with Retry-After — the
// client should come back — anything else a plain 500.
import type { Response } from 'restify';
import { ETagConflictError, LockTimeoutError } from './store/errors';

export const RETRY_AFTER_SECONDS = 30;

/** ioredis and our store's ways of saying "Redis is not answering right now". */
export function storeUnavailable(err: unknown): boolean {
  if (err instanceof LockTimeoutError || err instanceof ETagConflictError) return true;
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: string; name: string };
  if (e.name === 'MaxRetriesPerRequestError' || e.name === 'ReplicationError' || e.name === 'ReplyError' && /LOADING|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|NOREPLICAS/.test(e.message)) return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN'].includes(e.code)) return true;
  return /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue|All sentinels are unreachable|Failed to refresh slots cache/i.test(e.message);
}

/** Answers an error that escaped a route; returns false when restify's own answer is right (4xx). */
export function answerError(res: Response, err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status < 500 && !storeUnavailable(err)) return false;
  if (res.headersSent) return true;
  const unavailable = storeUnavailable(err);
  res.status(unavailable ? 503 : 500);
  if (unavailable) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Cache-Control', 'no-store');
  res.json(unavailable
    ? { error: { code: 'ServiceUnavailable', message: 'The service is unavailable, try again in a few minutes' } }
    : { error: { code: 'InternalError', message: 'Internal error' } });
  return true;
}
