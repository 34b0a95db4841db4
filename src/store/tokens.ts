// Unguessable tokens of the Redis store: hold ids, lock owners, eTags.
import crypto from 'node:crypto';

// randomUUID draws from a pooled entropy buffer; randomBytes(12) is a syscall per token (2 % of a turn).
export const randomToken = (): string => crypto.randomUUID().replace(/-/g, '');
