/* Les Connectés: starts Web Chat on /widget (plain ES2017, no build step). The server sends
   every bot message in the shape to draw (src/channels/web/render.ts): this script only draws
   it, and never changes or reads the bot's words. */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('widget-config').textContent);
  var root = document.getElementById('webchat');
  var status = document.getElementById('status');

  function showError() {
    status.textContent = cfg.strings.error;
    status.setAttribute('role', 'alert');
  }

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
    suggestedActionHeight: 44,
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionBorderRadius: 8,
    suggestedActionBorderColor: blue,
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: blue,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBackgroundColorOnHover: '#E6ECF7',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#000000',
    timestampColor: '#333333',
    notificationText: '#333333',
    transitionDuration: '0s',
    // A long reply scrolls into view from its first line (the question), not from its last.
    autoScrollSnapOnActivity: true
  };

  // The page keeps its conversation (reload, coming back the next day): the server's resume
  // token, traded at each load for a fresh Direct Line token to the same conversation, whose
  // log Web Chat then replays from the start.
  var KEY = 'lesConnectes.conversation.v1';
  function saved() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || 'null'); } catch { return null; }
  }
  function keep(grant) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ resume: grant.resume, conversationId: grant.conversationId }));
    } catch { /* private mode: the conversation lasts as long as the page */ }
  }

  // Inside a partner's frame, Escape must close the frame even though the key never reaches
  // the partner's page: tell it (the embed script checks who sent the message).
  if (cfg.embedded && window.parent !== window) {
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' || e.key === 'Esc') window.parent.postMessage({ type: 'les-connectes:close' }, '*');
    }, true);
  }

  var previous = saved();
  fetch(cfg.tokenUrl, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(previous && previous.resume ? { resume: previous.resume } : {})
  })
    .then(function (res) { if (!res.ok) throw new Error('token ' + res.status); return res.json(); })
    .then(function (grant) {
      keep(grant);
      var options = {
        token: grant.token,
        domain: window.location.origin + cfg.domainPath,
        webSocket: false
      };
      // A known conversation is re-joined (no new greeting) and read from its first activity.
      if (grant.resumed) options.conversationId = grant.conversationId;
      var directLine = window.WebChat.createDirectLine(options);
      status.remove();
      window.WebChat.renderWebChat({
        directLine: directLine,
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
