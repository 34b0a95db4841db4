// The widget page and the partners' embed script, rendered from locales/fr.json (every
// sentence HTML- or JS-escaped here, never in the templates' callers).
import { t } from '../i18n';
import { formatPhoneFr } from '../../dialogs/say';

export interface Helpline { territory: string; e164: string }

export interface PageInput {
  webchatUrl: string;
  appUrl: string;
  helplines: readonly Helpline[];
  /** Inside the partner's iframe: the embed shows its own title bar. */
  embedded: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

/** JSON safe inside <script>: no "</script>", no HTML comment, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:20px;line-height:1.5;color:#000;background:#fff;display:flex;flex-direction:column}
header{padding:12px 16px;border-bottom:3px solid #0b3d91;background:#f4f6fb}
h1{font-size:1.6rem;margin:0 0 4px;color:#0b3d91}
header p{margin:4px 0}
.call{font-weight:600}
.call a{color:#0b3d91;font-weight:700;text-decoration:underline;white-space:nowrap}
.call ul{list-style:none;margin:4px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 24px}
main{flex:1;display:flex;flex-direction:column;min-height:360px}
#webchat{flex:1;min-height:0;font-size:20px}
#status{padding:16px;margin:0}
.privacy{font-size:18px;margin:0;padding:8px 16px;background:#fff8e1;border-top:1px solid #8a6d00}
a:focus,button:focus{outline:3px solid #b35c00;outline-offset:2px}
.embedded .intro{display:none}
.webchat__bubble__content,.webchat__text-content{font-size:20px!important;white-space:pre-wrap}
.webchat__suggested-action{height:auto!important;min-height:52px}
.webchat__suggested-action__text{white-space:normal!important;text-align:left;font-size:20px}
@media (max-width:600px){body{font-size:18px}h1{font-size:1.3rem}header{padding:8px 12px}header p{margin:2px 0}}
`;

export function renderWidgetPage(p: PageInput): string {
  const lines = p.helplines.map((h) => {
    const phone = formatPhoneFr(h.e164);
    return `<li><a href="tel:${escapeHtml(h.e164)}">${escapeHtml(t('widget.callLine', { territory: h.territory, phone }))}</a></li>`;
  }).join('');
  const config = {
    tokenUrl: '/api/widget/token',
    domainPath: '/v3/directline',
    strings: { error: t('widget.error'), placeholder: t('widget.placeholder') },
  };
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(t('widget.pageTitle'))}</title>
<style>${CSS}</style>
</head>
<body class="${p.embedded ? 'embedded' : ''}">
<header>
<h1>${escapeHtml(t('widget.heading'))}</h1>
<p class="intro">${escapeHtml(t('widget.intro'))}</p>
<div class="call"><p>${escapeHtml(t('widget.callUs'))}</p><ul>${lines}</ul></div>
</header>
<main>
<div id="webchat" role="region" aria-label="${escapeHtml(t('widget.chatLabel'))}"><p id="status" role="status">${escapeHtml(t('widget.loading'))}</p></div>
<p class="privacy">${escapeHtml(t('widget.privacy'))}</p>
</main>
<noscript><p>${escapeHtml(t('widget.noScript'))}</p></noscript>
<script type="application/json" id="widget-config">${scriptJson(config)}</script>
<script src="${escapeHtml(p.webchatUrl)}" defer></script>
<script src="${escapeHtml(p.appUrl)}" defer></script>
</body>
</html>
`;
}

/**
 * The one-line embed: `<script src="https://…/widget.js" async></script>` adds a big button
 * that opens /widget in a dialog (full screen on a phone). The origin comes from the script's
 * own URL, so the file is the same whichever host name partners use.
 */
export function renderEmbedScript(fallbackBase: string): string {
  const s = { button: t('widget.embed.button'), close: t('widget.embed.close'), title: t('widget.embed.frameTitle') };
  return `/* Les Connectés: bouton de prise de rendez-vous */
(function () {
  'use strict';
  if (window.__lesConnectesWidget) return;
  window.__lesConnectesWidget = true;
  var S = ${scriptJson(s)};
  var me = document.currentScript;
  var base = ${scriptJson(fallbackBase)};
  try { if (me && me.src) base = new URL(me.src).origin; } catch (e) { /* keep the fallback */ }
  var blue = '#0b3d91';
  function css(el, rules) { for (var k in rules) el.style[k] = rules[k]; return el; }
  function init() {
    var btn = css(document.createElement('button'), {
      position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000', minHeight: '56px',
      padding: '12px 24px', fontSize: '20px', fontWeight: '700', fontFamily: 'system-ui, Arial, sans-serif',
      color: '#fff', background: blue, border: '3px solid #fff', borderRadius: '28px',
      boxShadow: '0 2px 8px rgba(0,0,0,.4)', cursor: 'pointer'
    });
    btn.type = 'button';
    btn.textContent = S.button;
    btn.setAttribute('aria-haspopup', 'dialog');
    btn.className = 'les-connectes-widget-button';
    var panel = null;
    function close() {
      if (!panel) return;
      panel.parentNode.removeChild(panel);
      panel = null;
      btn.style.display = '';
      btn.focus();
    }
    function open() {
      if (panel) return;
      var small = window.innerWidth < 600;
      panel = css(document.createElement('div'), {
        position: 'fixed', zIndex: '2147483001', background: '#fff', display: 'flex', flexDirection: 'column',
        border: small ? '0' : '3px solid ' + blue, borderRadius: small ? '0' : '8px',
        boxShadow: '0 4px 24px rgba(0,0,0,.4)',
        right: small ? '0' : '16px', bottom: small ? '0' : '16px', top: small ? '0' : 'auto', left: small ? '0' : 'auto',
        width: small ? '100%' : 'min(460px, calc(100vw - 32px))', height: small ? '100%' : 'min(760px, calc(100vh - 32px))'
      });
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-label', S.title);
      var bar = css(document.createElement('div'), { display: 'flex', justifyContent: 'flex-end', background: blue, padding: '4px' });
      var x = css(document.createElement('button'), {
        fontSize: '20px', fontWeight: '700', padding: '8px 16px', minHeight: '48px', color: blue,
        background: '#fff', border: '0', borderRadius: '4px', cursor: 'pointer'
      });
      x.type = 'button';
      x.textContent = S.close;
      x.onclick = close;
      bar.appendChild(x);
      var frame = css(document.createElement('iframe'), { flex: '1', width: '100%', border: '0' });
      frame.title = S.title;
      frame.src = base + '/widget?embed=1';
      panel.appendChild(bar);
      panel.appendChild(frame);
      panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });
      document.body.appendChild(panel);
      btn.style.display = 'none';
      x.focus();
    }
    btn.onclick = open;
    document.body.appendChild(btn);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
`;
}
