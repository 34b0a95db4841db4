// bench/lib/cpuprofile.ts: self and inclusive time per package, read from a V8 CPU profile.
import { byPackage, packageOf, topSelf, type CpuProfile } from '../../bench/lib/cpuprofile';

const ROOT = '/app';
const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

it('sorts frames into packages, our code by layer', () => {
  expect(packageOf(frame('f', 'file:///app/node_modules/botbuilder-dialogs/lib/dialogContext.js'), ROOT)).toBe('botbuilder-dialogs');
  expect(packageOf(frame('f', 'file:///app/node_modules/botframework-connector/lib/auth/index.js'), ROOT)).toBe('botbuilder core');
  expect(packageOf(frame('f', 'file:///app/node_modules/ioredis/built/Command.js'), ROOT)).toBe('ioredis');
  expect(packageOf(frame('f', 'file:///app/node_modules/@azure/identity/dist/index.js'), ROOT)).toBe('botbuilder core');
  expect(packageOf(frame('f', 'file:///app/node_modules/luxon/build/node/luxon.js'), ROOT)).toBe('other packages (luxon)');
  expect(packageOf(frame('f', 'file:///app/dist/src/language/place.js'), ROOT)).toBe('our src/language');
  expect(packageOf(frame('f', '/app/dist/src/booking/slots.js'), ROOT)).toBe('our src/booking (proposals)');
  expect(packageOf(frame('f', '/app/dist/dialogs/mainDialog.js'), ROOT)).toBe('our dialogs/');
  expect(packageOf(frame('f', '/app/dist/src/bot/state.js'), ROOT)).toBe('our other code (src/)');
  expect(packageOf(frame('emit', 'node:events'), ROOT)).toBe('node internals (node:*)');
  expect(packageOf(frame('writev', ''), ROOT)).toMatch(/^native/);
  expect(packageOf(frame('(garbage collector)', ''), ROOT)).toBe('GC');
});

it('counts self time where the sample lands and inclusive time once per package on the stack, idle and the profiler left out', () => {
  // root → restify handler → our bot → restify again (a callback) → dialogs; plus GC, idle and the profiler.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 6, 7, 8] },
      { id: 2, callFrame: frame('handle', '/app/node_modules/restify/lib/chain.js'), children: [3] },
      { id: 3, callFrame: frame('run', '/app/dist/src/bot.js'), children: [4] },
      { id: 4, callFrame: frame('next', '/app/node_modules/restify/lib/chain.js'), children: [5] },
      { id: 5, callFrame: frame('continueDialog', '/app/node_modules/botbuilder-dialogs/lib/dialogContext.js') },
      { id: 6, callFrame: frame('(garbage collector)', '') },
      { id: 7, callFrame: frame('(idle)', '') },
      { id: 8, callFrame: frame('stop', 'node:inspector') },
    ],
    samples: [5, 5, 3, 6, 7, 7, 8, 2],
    timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };
  const rows = Object.fromEntries(byPackage(profile, ROOT).map((r) => [r.pkg, r]));
  expect(Object.keys(rows).sort()).toEqual(['GC', 'botbuilder-dialogs', 'our other code (src/)', 'restify']);
  expect(rows['botbuilder-dialogs']).toMatchObject({ selfMs: 2, inclMs: 2, selfShare: 2 / 5 });
  expect(rows['our other code (src/)']).toMatchObject({ selfMs: 1, inclMs: 3 });
  // restify twice on the stack of a dialog sample: counted once.
  expect(rows.restify).toMatchObject({ selfMs: 1, inclMs: 4, inclShare: 4 / 5 });
  expect(rows.GC).toMatchObject({ selfMs: 1, inclMs: 1 });
  const top = topSelf(profile, 2, ROOT);
  expect(top[0]).toMatchObject({ fn: 'continueDialog', pkg: 'botbuilder-dialogs', ms: 2, share: 2 / 5 });
  expect(top).toHaveLength(2);
});
