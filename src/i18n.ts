// Every sentence the bot says comes from locales/fr.json (i18next handles plurals).
import fs from 'node:fs';
import i18next, { type i18n } from 'i18next';
import { rootPath } from './paths';

export type Vars = Record<string, string | number>;
export type Translate = (key: string, vars?: Vars) => string;

export function loadMessages(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(rootPath('locales', 'fr.json'), 'utf8')) as Record<string, unknown>;
}

let instance: i18n | undefined;

function get(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: 'fr',
      fallbackLng: false,
      initAsync: false,
      resources: { fr: { translation: loadMessages() } },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

// A turn says a dozen sentences, and tries several wordings of some to fit one SMS: the key
// check is made once per key (and plural form), and a sentence is formatted once per key and
// variables (i18next's lookup and interpolation were ≈ 3 % of a booking turn, bench/PROFILE.md).
const checked = new Set<string>();
const plain = new Map<string, string>();
const formatted = new Map<string, string>();
const MAX_FORMATTED = 20_000;

/** One string per key and variables (in their order; another order is just another entry). */
function formattedKey(key: string, vars: Vars): string {
  let k = key;
  for (const name in vars) k += `\u0001${name}\u0002${typeof vars[name]}\u0002${vars[name]}`;
  return k;
}

export const t: Translate = (key, vars) => {
  const memo = vars ? formattedKey(key, vars) : key;
  const hit = vars ? formatted.get(memo) : plain.get(key);
  if (hit !== undefined) return hit;
  const i = get();
  const checkKey = vars && 'count' in vars ? `${key}\u0000${String(vars.count)}` : key;
  if (!checked.has(checkKey)) {
    if (!i.exists(key, vars)) throw new Error(`missing message: ${key}`);
    if (checked.size < 10_000) checked.add(checkKey);
  }
  const text = i.t(key, vars ?? {}) as string;
  if (!vars) plain.set(key, text);
  else {
    if (formatted.size >= MAX_FORMATTED) formatted.clear(); // the dates of proposals move on: start afresh
    formatted.set(memo, text);
  }
  return text;
};

/** Whether the catalogue has a sentence for this key (optional variants, such as a notice's shorter forms). */
export function hasMessage(key: string): boolean {
  return get().exists(key);
}

/** All leaf keys of the catalogue (for tests that check every sentence). */
export function allKeys(obj: Record<string, unknown> = loadMessages(), prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? allKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]);
}
