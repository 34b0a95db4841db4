// `npm test` pre-check: the Redis and browser suites need two programs from the system. Say
// which one is missing and how to install it, instead of a suite failing with no hint.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const missing = [];
// TEST_REDIS_URL: the tests use that Redis instead of starting their own.
if (!process.env.TEST_REDIS_URL) {
  try { execFileSync('redis-server', ['--version'], { stdio: 'ignore' }); } catch { missing.push('redis-server'); }
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) missing.push('chromium');

if (missing.length) {
  const why = { 'redis-server': 'the Redis tests start a throw-away redis-server', chromium: `the browser tests run ${chromium} (or CHROMIUM_PATH)` };
  console.error(`npm test needs ${missing.join(' and ')}: ${missing.map((m) => why[m]).join('; ')}.`);
  console.error(`Install on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  console.error('(or run .ci/run, which installs them and then runs the tests)');
  process.exit(1);
}
