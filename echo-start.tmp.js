const t0 = Date.now();
const restify = require('restify'); const { CloudAdapter } = require('botbuilder'); require('botbuilder-dialogs');
const s = restify.createServer(); s.get('/healthz', (req, res) => res.send(200)); s.listen(+process.env.PORT, () => console.error('up', Date.now() - t0));
