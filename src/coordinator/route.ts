// The one opening of every coordinator API route: authenticate → parse → act → answer. A step
// that fails has already answered (401/429, 400 naming the field, 404); `act` only runs with
// a signed-in account and valid input, and answers itself.
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Account } from './accounts';

export type Authenticate = (req: Request, res: Response) => Promise<Account | null>;
/** Parses, or answers 400 naming the first bad field and returns null. */
export type Parse = <T>(schema: z.ZodType<T>, value: unknown, res: Response) => T | null;

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

/** A route maker bound to one way of authenticating and parsing (in this order: query, body, id). */
export function apiRoute(authenticate: Authenticate, parse: Parse) {
  return <Q = undefined, B = undefined>(spec: RouteSpec<Q, B>, act: (input: RouteInput<Q, B>) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const account = await authenticate(req, res);
      if (!account) return;
      let query = undefined as Q;
      if (spec.query) {
        const q = parse(spec.query, req.query, res);
        if (q === null) return;
        query = q;
      }
      let body = undefined as B;
      if (spec.body) {
        const b = parse(spec.body, req.body, res);
        if (b === null) return;
        body = b;
      }
      let id = '';
      if (spec.id) {
        const i = spec.id(req, res);
        if (i === null) return;
        id = i;
      }
      await act({ req, res, account, query, body, id });
    };
}
