// The widget page and the partners' embed script, rendered from locales/fr.json (every
// sentence HTML- or JS-escaped here, never in the templates' callers).
import { t } from '../i18n';
import { escapeMarkup as escapeHtml } from '../markup';
import type { Helpline } from '../booking/helplines';

export interface PageInput {
  webchatUrl: string;
  appUrl: string;
  helplines: readonly Helpline[];
  /** Inside the partner's iframe: the embed shows its own title bar. */
  embedded: boolean;
}

/** JSON safe inside <script>: no "</script>", no HTML comment, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// The conversation owns the screen: one line of header (title and "Appeler"), one folded
// line of notice, then the chat down to the bottom edge (dvh: phones' toolbars come and go).
// Long button lists go in two columns so that the question above them stays in view.
const CSS = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:20px;line-height:1.4;color:#000;background:#fff;display:flex;flex-direction:column;height:100vh;height:100dvh;overflow:hidden}
header{flex:none;display:flex;align-items:center;justify-content:space-between;gap:8px;padding:4px 8px 4px 16px;border-bottom:3px solid #0b3d91;background:#f4f6fb;position:relative}
h1{font-size:1.25rem;margin:0;color:#0b3d91;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.call{flex:none}
a.call,.call>summary{display:inline-flex;align-items:center;min-height:44px;padding:4px 14px;border:2px solid #0b3d91;border-radius:22px;background:#fff;color:#0b3d91;font-weight:700;text-decoration:none;cursor:pointer;list-style:none}
.call>summary::-webkit-details-marker{display:none}
.call-panel{position:absolute;right:8px;top:100%;z-index:10;max-width:calc(100vw - 16px);padding:8px 16px;background:#fff;border:2px solid #0b3d91;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.3)}
.call-panel p{margin:0 0 4px}
.call-panel ul{list-style:none;margin:0;padding:0}
.call-panel li{margin:4px 0}
.call-panel a{color:#0b3d91;font-weight:700;text-decoration:underline;white-space:nowrap;display:inline-block;min-height:44px;line-height:44px}
main{flex:1;min-height:0;display:flex;flex-direction:column}
.notice{flex:none;font-size:16px;background:#fff8e1;border-bottom:1px solid #8a6d00}
.notice>summary{padding:4px 16px;cursor:pointer;min-height:32px}
.notice p{margin:0;padding:2px 16px 6px}
#webchat{flex:1;min-height:0;font-size:20px}
#status{padding:16px;margin:0}
a:focus,button:focus,summary:focus{outline:3px solid #b35c00;outline-offset:2px}
.webchat__bubble__content,.webchat__text-content{font-size:20px!important;white-space:pre-wrap}
.webchat__suggested-actions__stack{max-height:none!important}
.webchat__suggested-actions__stack:has(>:nth-child(5)){display:grid!important;grid-template-columns:1fr 1fr;column-gap:8px}
.webchat__suggested-actions__stack:has(>:nth-child(5)) .webchat__suggested-actions__item-box{min-width:0}
.webchat__suggested-action{height:auto!important;min-height:48px}
.webchat__suggested-action__text{white-space:normal!important;text-align:left;font-size:20px}
.webchat__suggested-actions__stack:has(>:nth-child(5)) .webchat__suggested-action__text{text-align:center}
@media (max-width:600px){body{font-size:18px}h1{font-size:1.1rem}.webchat__suggested-action{min-height:44px}.webchat__suggested-action__text{font-size:18px}}
@media (max-height:700px){.webchat__suggested-action{min-height:44px}}
`;

function callControl(helplines: readonly Helpline[]): string {
  const label = (h: Helpline) => t('widget.callLine', { territory: h.territory, phone: h.display });
  // One number: a plain tel: link. Several: the same word opens the list (a disclosure).
  if (helplines.length === 1) {
    const h = helplines[0];
    return `<a class="call" href="tel:${escapeHtml(h.e164)}" aria-label="${escapeHtml(t('widget.callOne', { phone: h.display }))}">${escapeHtml(t('widget.call'))}</a>`;
  }
  const lines = helplines.map((h) => `<li><a href="tel:${escapeHtml(h.e164)}">${escapeHtml(label(h))}</a></li>`).join('');
  return `<details class="call"><summary>${escapeHtml(t('widget.call'))}</summary><div class="call-panel"><p>${escapeHtml(t('widget.callUs'))}</p><ul>${lines}</ul></div></details>`;
}

export function renderWidgetPage(p: PageInput): string {
  const config = {
    tokenUrl: '/api/widget/token',
    domainPath: '/v3/directline',
    embedded: p.embedded,
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
${callControl(p.helplines)}
</header>
<main>
<details class="notice"><summary>${escapeHtml(t('widget.noticeSummary'))}</summary><p>${escapeHtml(t('widget.intro'))}</p><p>${escapeHtml(t('widget.privacy'))}</p></details>
<div id="webchat" role="region" aria-label="${escapeHtml(t('widget.chatLabel'))}"><p id="status" role="status">${escapeHtml(t('widget.loading'))}</p></div>
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
    var frame = null;
    function close() {
      if (!panel) return;
      panel.parentNode.removeChild(panel);
      panel = null;
      frame = null;
      document.documentElement.style.overflow = '';
      btn.style.display = '';
      btn.focus();
    }
    // Escape pressed inside the chat frame reaches only the frame: it tells us by message.
    window.addEventListener('message', function (e) {
      if (!frame || e.source !== frame.contentWindow || e.origin !== base) return;
      if (e.data && e.data.type === 'les-connectes:close') close();
    });
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
      panel.setAttribute('aria-modal', 'true');
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
      frame = css(document.createElement('iframe'), { flex: '1', minHeight: '0', width: '100%', border: '0' });
      frame.title = S.title;
      frame.src = base + '/widget?embed=1';
      panel.appendChild(bar);
      panel.appendChild(frame);
      panel.addEventListener('keydown', function (e) { if (e.key === 'Escape' || e.key === 'Esc') close(); });
      document.body.appendChild(panel);
      // Full screen on a phone: the partner's page must not scroll behind the dialog.
      if (small) document.documentElement.style.overflow = 'hidden';
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
