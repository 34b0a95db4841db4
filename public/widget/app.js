/* Les Connectés: starts Web Chat on /widget (plain ES2017, no build step). */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('widget-config').textContent);
  var root = document.getElementById('webchat');
  var status = document.getElementById('status');

  function showError() {
    status.textContent = cfg.strings.error;
    status.setAttribute('role', 'alert');
  }

  // The minimal bundle has no Adaptive Cards renderer: a hero card (a site's name and
  // address) becomes a plain-text attachment, which it renders.
  function plainCards(activity) {
    if (!activity || !Array.isArray(activity.attachments)) return activity;
    var changed = false;
    var attachments = activity.attachments.map(function (a) {
      if (!a || a.contentType !== 'application/vnd.microsoft.card.hero' || !a.content) return a;
      changed = true;
      var c = a.content;
      return { contentType: 'text/plain', content: [c.title, c.subtitle, c.text].filter(Boolean).join('\n') };
    });
    return changed ? Object.assign({}, activity, { attachments: attachments }) : activity;
  }

  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity) {
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: plainCards(action.payload.activity) }) });
        }
        return next(action);
      };
    };
  });

  var blue = '#0B3D91';
  var styleOptions = {
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    fontSizeSmall: '16px',
    accent: blue,
    subtle: '#333333',
    backgroundColor: '#FFFFFF',
    bubbleBackground: '#F1F1F1',
    bubbleBorderColor: '#595959',
    bubbleBorderRadius: 8,
    bubbleTextColor: '#000000',
    bubbleFromUserBackground: blue,
    bubbleFromUserBorderColor: blue,
    bubbleFromUserBorderRadius: 8,
    bubbleFromUserTextColor: '#FFFFFF',
    bubbleMinHeight: 48,
    bubbleMaxWidth: 640,
    bubbleMinWidth: 200,
    botAvatarInitials: 'LC',
    botAvatarBackgroundColor: blue,
    avatarSize: 44,
    hideUploadButton: true,
    sendBoxHeight: 64,
    sendBoxTextColor: '#000000',
    sendBoxPlaceholderColor: '#4D4D4D',
    sendBoxBorderTop: 'solid 2px #000000',
    sendBoxButtonColor: blue,
    suggestedActionLayout: 'stacked',
    suggestedActionHeight: 52,
    suggestedActionBorderRadius: 8,
    suggestedActionBorderColor: blue,
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: blue,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBackgroundColorOnHover: '#E6ECF7',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#000000',
    timestampColor: '#333333',
    notificationText: '#333333',
    transitionDuration: '0s'
  };

  fetch(cfg.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (res) { if (!res.ok) throw new Error('token ' + res.status); return res.json(); })
    .then(function (grant) {
      var directLine = window.WebChat.createDirectLine({
        token: grant.token,
        domain: window.location.origin + cfg.domainPath,
        webSocket: false
      });
      status.remove();
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        userID: grant.userId,
        locale: 'fr-FR',
        styleOptions: styleOptions,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: cfg.strings.placeholder }
      }, root);
      var input = root.querySelector('input, textarea');
      if (input) input.focus();
    })
    .catch(showError);
})();
