// The JSON errors the provider webhooks (Twilio SMS and voice, SMSFactor) answer to a
// program, and the one zod check at their edge: written once for the three routes.
import type { Response } from 'restify';
import type { z } from 'zod';

export function jsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message } });
}

/** The parsed fields, or undefined after a 400 that names the first bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  jsonError(res, 400, 'BadRequest', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  return undefined;
}
