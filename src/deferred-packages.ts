// Start-up weight: packages that botbuilder and restify require when they load but that this
// server only needs on paths it never or rarely takes. Each is handed to its requirer as a
// stand-in that loads the real package on first use (a property read, `in`, keys), so a path
// that does need it still works, one-off and synchronously. Imported first by src/index.ts;
// test/unit/startup-modules.test.ts checks they stay out of a started server.
import Module from 'node:module';

/**
 * Package → why the server does not need it at start; `esModule`: its exports carry
 * `__esModule: true` (tsc's __importStar/__importDefault ask that first: the stand-in answers
 * it without loading; test/unit/startup-modules.test.ts checks each flag against the package).
 */
export const DEFERRED_PACKAGES: Readonly<Record<string, { why: string; esModule?: true }>> = {
  // botframework-connector: managed-identity credentials only (we use an app id/password or none).
  '@azure/identity': { why: 'managed identity only', esModule: true },
  // botframework-connector: outgoing Bot Framework tokens, first needed by a turn of a real Azure channel.
  '@azure/msal-node': { why: 'outgoing Bot Framework tokens' },
  // botbuilder's SetSpeakMiddleware (voice channels), never installed here.
  htmlparser2: { why: 'SetSpeakMiddleware only', esModule: true },
  // restify: HTTP/2 (createServer({ spdy })) and the authorizationParser plugin, neither used.
  spdy: { why: 'restify HTTP/2 only' },
  'http-signature': { why: 'restify authorizationParser only' },
};

type Load = (request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/** A stand-in for `load()`'s exports that loads them on the first touch. */
export function lazyExports(load: () => object, opts: { esModule?: boolean } = {}): object {
  const target: Record<PropertyKey, unknown> = {};
  let real: object | undefined;
  const get = (): object => {
    if (!real) {
      real = load();
      // The stand-in mirrors the real exports so that the proxy's invariants hold.
      Object.defineProperties(target, Object.getOwnPropertyDescriptors(real));
    }
    return real;
  };
  return new Proxy(target, {
    get: (_t, key) => (key === '__esModule' && opts.esModule && !real ? true : (get() as Record<PropertyKey, unknown>)[key]),
    has: (_t, key) => key in get(),
    ownKeys: () => { get(); return Reflect.ownKeys(target); },
    getOwnPropertyDescriptor: (_t, key) => { get(); return Reflect.getOwnPropertyDescriptor(target, key); },
    set: (_t, key, value) => { (get() as Record<PropertyKey, unknown>)[key] = value; target[key] = value; return true; },
    getPrototypeOf: () => Object.getPrototypeOf(get()) as object | null,
  });
}

let installed = false;

/** From now on a package of DEFERRED_PACKAGES required from node_modules is loaded on first use. */
export function deferUnusedPackages(): void {
  if (installed) return;
  installed = true;
  const original = loader._load;
  loader._load = function load(this: unknown, request, parent, isMain) {
    // Our own code never asks for these; a dependency's `require` gets the stand-in.
    if (!Object.hasOwn(DEFERRED_PACKAGES, request) || !parent?.filename?.includes('/node_modules/')) return original.call(this, request, parent, isMain);
    return lazyExports(() => original.call(this, request, parent, isMain) as object, { esModule: DEFERRED_PACKAGES[request]!.esModule });
  };
}

deferUnusedPackages();
