// Input validation of the Direct Line subset: what Web Chat and botframework-directlinejs send,
// and nothing we would have to trust (ids, roles and channel are set by the server).
import { z } from 'zod';

export const MAX_TEXT_CHARS = 2000;

const id = z.string().max(200);

export const PostActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(MAX_TEXT_CHARS).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  name: z.string().max(100).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: id.optional(), name: z.string().max(100).optional() }).loose().optional(),
  channelData: z.object({
    clientActivityID: id.optional(),
    // What a button click shows as the person's words ("1 CAF"); the text sent is "1".
    messageBack: z.object({ displayText: z.string().max(200).optional() }).loose().optional(),
  }).loose().optional(),
  // File uploads are not part of our subset (no /upload route): only an empty list is fine.
  attachments: z.array(z.unknown()).max(0, 'file uploads are not accepted').optional(),
});
export type PostActivity = z.infer<typeof PostActivitySchema>;

export const StartConversationSchema = z.object({
  user: z.object({ id: id.optional(), name: z.string().max(100).optional() }).loose().optional(),
  locale: z.string().max(20).optional(),
}).loose();

export const WidgetTokenSchema = z.object({
  resume: z.string().max(1000).optional(),
}).loose();

export const WatermarkSchema = z.object({
  watermark: z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'a whole number')]).optional(),
});

/** "field: message" of the first problem: 400 answers name the field. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : '(body)';
  return { field, message: `${field}: ${issue.message}` };
}
