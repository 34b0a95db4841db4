// Reading a request: JSON bodies and queries through a zod schema (400 naming the first bad
// field), HTML form fields as strings only, and path parameters.
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { apiError } from './errors';

/** Parses, or answers 400 naming the first bad field and returns null. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, res: Response): T | null {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  apiError(res, 400, 'BadRequest', `${field}: ${issue.message}`, field);
  return null;
}

/** The first issue of a failed parse, as a form page shows it ("field: message"). */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return `${i.path.join('.')}: ${i.message}`;
}

/** The string fields of a posted form (anything else is dropped). */
export function form(req: Request): Record<string, string> {
  const b = req.body as unknown;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The `:id` of the path, as sent. */
export function pathId(req: Request): string {
  return String(req.params?.id ?? '');
}
