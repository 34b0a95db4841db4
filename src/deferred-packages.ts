// Start-up weight: packages that botbuilder and restify require when they load but that this
// server only needs on paths it never or rarely takes. Each is handed to its requirer as a
// stand-in that loads the real package on first use (a property read, `in`, keys), so a path
// that does need it still works, one-off and synchronously. Imported first by src/index.ts;
// test/unit/startup-modules.test.ts checks they stay out of a started server.
import Module from 'node:module';

/** Package → why the server does not need it at start. */
export const DEFERRED_PACKAGES: Readonly<Record<string, string>> = {
  // botframework-connector: managed-identity credentials only (we use an app id/password or none).
  '@azure/identity': 'managed identity only',
  // botframework-connector: outgoing Bot Framework tokens, first needed by a turn of a real Azure channel.
  '@azure/msal-node': 'outgoing Bot Framework tokens',
  // botbuilder's SetSpeakMiddleware (voice channels), never installed here.
  htmlparser2: 'SetSpeakMiddleware only',
  // restify: HTTP/2 (createServer({ spdy })) and the authorizationParser plugin, neither used.
  spdy: 'restify HTTP/2 only',
  'http-signature': 'restify authorizationParser only',
};

type Load = (request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/** A stand-in for `load()`'s exports that loads them on the first touch (plain `require` users only). */
export function lazyExports(load: () => object): object {
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
    get: (_t, key) => (get() as Record<PropertyKey, unknown>)[key],
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
    return lazyExports(() => original.call(this, request, parent, isMain) as object);
  };
}

deferUnusedPackages();
