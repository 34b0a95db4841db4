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

  // The minimal bundle has no Adaptive Cards renderer. A hero card is a site's name and
  // address: when a button names that site (a proposal), the address goes into the button,
  // where the person reads it with the day and time, and the card is not shown again; any
  // other card becomes plain text, all the cards of one message in one bubble.
  function plainCards(activity) {
    if (!activity || !Array.isArray(activity.attachments)) return activity;
    var actions = (activity.suggestedActions && activity.suggestedActions.actions) || [];
    var lines = [];
    var used = false;
    var others = activity.attachments.filter(function (a) {
      if (!a || a.contentType !== 'application/vnd.microsoft.card.hero' || !a.content) return true;
      var c = a.content;
      var named = actions.filter(function (x) { return x && typeof x.title === 'string' && c.title && c.subtitle && x.title.slice(-c.title.length) === c.title; });
      if (named.length) {
        used = true;
        actions = actions.map(function (x) { return named.indexOf(x) >= 0 ? Object.assign({}, x, { title: x.title + ' \u2013 ' + c.subtitle }) : x; });
      } else {
        lines.push([c.title, c.subtitle, c.text].filter(Boolean).join(' : '));
      }
      return false;
    });
    var attachments = lines.length ? [{ contentType: 'text/plain', content: lines.join('\n') }].concat(others) : others;
    var out = Object.assign({}, activity, { attachments: attachments });
    if (used) out.suggestedActions = Object.assign({}, activity.suggestedActions, { actions: actions });
    return out;
  }

  // A question with buttons: the buttons carry the numbered choices ("1 CAF"), so the same
  // numbered lines are not repeated in the bubble, which keeps the question in view above the
  // buttons on a small screen. Only lines equal to a button's title are taken out.
  function withoutButtonLines(activity) {
    var actions = activity && activity.suggestedActions && activity.suggestedActions.actions;
    if (!Array.isArray(actions) || !actions.length || typeof activity.text !== 'string') return activity;
    var titles = {};
    actions.forEach(function (a) { if (a && typeof a.title === 'string') titles[a.title.trim()] = true; });
    var lines = activity.text.split('\n');
    var kept = lines.filter(function (l) { return !titles[l.trim()]; });
    if (kept.length === lines.length || !kept.join('').trim()) return activity;
    return Object.assign({}, activity, { text: kept.join('\n') });
  }

  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity) {
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: plainCards(withoutButtonLines(action.payload.activity)) }) });
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
