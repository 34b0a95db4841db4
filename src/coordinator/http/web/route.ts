// The one opening of every coordinator API route: authenticate → parse → act → answer. A step
// that fails has already answered (401/429, 400 naming the field, 404); `act` only runs with
// a signed-in account and valid input, and answers itself (or returns a failure to map).
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Account } from '../../accounts';
import type { Authenticate } from './auth';
import { parseOr400 } from './body';
import { sendFailure, type ApiFailure } from './errors';

export interface RouteSpec<Q, B> {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The `:id` of the path, or null once a 4xx is sent. */
  id?: (req: Request, res: Response) => string | null;
}

export interface RouteInput<Q, B> {
  req: Request;
  res: Response;
  account: Account;
  query: Q;
  body: B;
  /** '' when the spec has no `id`. */
  id: string;
}

export type ApiHandler = (req: Request, res: Response) => Promise<void>;
export type ApiRoute = <Q = undefined, B = undefined>(
  spec: RouteSpec<Q, B>, act: (input: RouteInput<Q, B>) => Promise<void | ApiFailure>,
) => ApiHandler;

/** A route maker bound to one way of authenticating (then, in this order: query, body, id). */
export function apiRoute(authenticate: Authenticate): ApiRoute {
  return (spec, act) => async (req, res) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const query = spec.query ? parseOr400(spec.query, req.query, res) : undefined;
    if (query === null) return;
    const body = spec.body ? parseOr400(spec.body, req.body, res) : undefined;
    if (body === null) return;
    const id = spec.id ? spec.id(req, res) : '';
    if (id === null) return;
    const failure = await act({ req, res, account, query: query as never, body: body as never, id });
    if (failure) sendFailure(res, failure);
  };
}

/** A path-id reader: the id when `ok` accepts it, else the given 4xx (and null). */
export function idParam(ok: (id: string) => boolean, failure: ApiFailure, normalise: (id: string) => string = (s) => s) {
  return (req: Request, res: Response): string | null => {
    const id = normalise(String(req.params?.id ?? ''));
    if (ok(id)) return id;
    sendFailure(res, failure);
    return null;
  };
}
