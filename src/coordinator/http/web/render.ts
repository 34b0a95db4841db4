// Server-rendered HTML of the coordinator pages: no framework, no script. Every piece of text
// that is not a fixed sentence of fr.json is escaped; the helpers take escaped HTML (strings
// built with html``) apart from plain text, so nothing is escaped twice or not at all.
import type { Response } from 'restify';
import { t } from '../../../i18n';
import { escapeMarkup } from '../../../markup';
import type { Account } from '../../accounts';

/** Escaped HTML, as opposed to text. */
export class Html { constructor(readonly value: string) {} toString(): string { return this.value; } }

export const esc = (s: unknown): string => escapeMarkup(s);

type Part = Html | string | number | undefined | null | false | readonly Part[];
function renderPart(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(renderPart).join('');
  return esc(p);
}

/** Tagged template: interpolated values are escaped unless they are Html. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => { out += renderPart(v) + strings[i + 1]; });
  return new Html(out);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f6f4}
a{color:#0b4f9c}header,main{max-width:60rem;margin:0 auto;padding:1rem}header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;border-bottom:2px solid #ddd}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:0 0 .4rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
:focus-visible{outline:3px solid #e8a500;outline-offset:2px}
.card{background:#fff;border:1px solid #ccc;border-radius:6px;padding:1rem;margin:.75rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0 0 .75rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.3rem}}
button,.button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;display:inline-block;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c}button.danger{background:#fff;color:#a3161a;border-color:#a3161a}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}.actions form{margin:0}
details{margin-top:.5rem}summary{cursor:pointer;font-weight:600;min-height:44px;padding:.5rem 0}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}input,select,textarea{font:inherit;width:100%;max-width:30rem;padding:.45rem;border:1px solid #767676;border-radius:4px}
fieldset{border:1px solid #ccc;border-radius:6px;margin:.75rem 0;padding:.5rem 1rem 1rem}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filters div{flex:1 1 12rem}
.flash{padding:.75rem 1rem;border-radius:6px;background:#e7f4e4;border:1px solid #2e7d32}.flash.error{background:#fdecea;border-color:#a3161a}
.status{font-weight:600}.status-pending{color:#8a4b00}.status-confirmed{color:#1e6b24}.status-declined,.status-cancelled{color:#a3161a}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd;vertical-align:top}
`;

export function page(title: string, body: Html, opts: { account?: Account; csrf?: string } = {}): string {
  const header = opts.account && opts.csrf ? html`
<header>
  <div><h1>${t('coordinator.title')}</h1><p>${t('coordinator.signedInAs', { name: opts.account.name, territory: opts.account.territory })}</p></div>
  <form method="post" action="/coordinator/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button class="secondary" type="submit">${t('coordinator.signOut')}</button></form>
</header>` : html`<header><h1>${t('coordinator.title')}</h1></header>`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#contenu">${esc(t('coordinator.skip'))}</a>${header.value}
<main id="contenu">${body.value}</main></body></html>`;
}

export function flash(message: string | undefined, error = false): Html {
  if (!message) return html``;
  return error ? html`<p class="flash error" role="alert">${message}</p>` : html`<p class="flash" role="status">${message}</p>`;
}

/** A page that only says what went wrong, with a link back. */
export function errorPage(message: string, back: { href: string; label: string }, opts: { account?: Account; csrf?: string; title?: string } = {}): string {
  return page(opts.title ?? message, html`${flash(message, true)}<p><a href="${back.href}">${back.label}</a></p>`, opts);
}

export function signInPage(error?: string): string {
  return page(t('coordinator.signIn.heading'), html`
<h2>${t('coordinator.signIn.heading')}</h2>
${flash(error, true)}
<p>${t('coordinator.signIn.intro')}</p>
<form method="post" action="/coordinator/login">
  <fieldset><legend>${t('coordinator.signIn.tokenLegend')}</legend>
    <label for="token">${t('coordinator.signIn.token')}</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false">
    <p><button type="submit">${t('coordinator.signIn.submit')}</button></p>
  </fieldset>
</form>
<form method="post" action="/coordinator/login">
  <fieldset><legend>${t('coordinator.signIn.passwordLegend')}</legend>
    <label for="account">${t('coordinator.signIn.account')}</label>
    <input id="account" name="account" autocomplete="username" spellcheck="false">
    <label for="password">${t('coordinator.signIn.password')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password">
    <p><button type="submit">${t('coordinator.signIn.submit')}</button></p>
  </fieldset>
</form>`);
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

export function sendHtml(res: Response, status: number, body: string, extra: Record<string, string> = {}): void {
  res.sendRaw(status, body, { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra });
}

/** Post/redirect/get: a 303 back to a page. */
export function redirect(res: Response, location: string, extra: Record<string, string> = {}): void {
  res.sendRaw(303, '', { Location: location, ...SECURITY_HEADERS, ...extra });
}
