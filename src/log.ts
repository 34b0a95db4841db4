// JSON-lines logger. Phone numbers and names never reach the logs in full: every string
// field goes through maskPersonalData, which hides anything that looks like a phone number.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** "+33612345678" or "06 12 34 56 78" → "+33 6 •• •• •• 78". */
export function maskPhoneLike(text: string): string {
  return text.replace(/(?:\+|00)?\d[\d .-]{7,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 9) return m;
    const national = digits.replace(/^(0033|33|0)/, '');
    return `+33 ${national[0]} •• •• •• ${digits.slice(-2)}`;
  });
}

function scrub(value: unknown, key = ''): unknown {
  if (/name|nom/i.test(key) && typeof value === 'string') return value ? `${value[0]}•••` : value;
  // A street address says where someone lives: only its postcode is kept.
  if (/address|adresse/i.test(key) && value && typeof value === 'object' && 'line' in value) return { line: '•••', postcode: (value as { postcode?: unknown }).postcode };
  if (/address|adresse/i.test(key) && typeof value === 'string') return value ? '•••' : value;
  if (typeof value === 'string') return maskPhoneLike(value);
  if (value instanceof Error) return { message: maskPhoneLike(value.message), stack: value.stack && maskPhoneLike(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k)]));
  }
  return value;
}

export function createLogger(level: Level | 'silent' = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (lvl: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg: maskPhoneLike(msg), ...(scrub(fields ?? {}) as object) }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger('silent');
