// Static JavaScript of the widget, served by us: Web Chat's prebuilt bundle (from the
// botframework-webchat package, whose exports hide dist/) and our page script. Each is read
// once, gzipped once, and served under a content-hashed URL so it can be cached for a year.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { rootPath } from '../paths';

export type WebChatBundle = 'minimal' | 'full';

export interface Asset {
  /** URL path, with the content hash in it. */
  path: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** `require.resolve('botframework-webchat/dist/…')` throws: go from the main file to dist/. */
export function webChatBundleFile(which: WebChatBundle): string {
  const main = require.resolve('botframework-webchat');
  return path.join(path.dirname(main), '..', 'dist', which === 'minimal' ? 'webchat-minimal.js' : 'webchat.js');
}

const GZIP = { level: 9 };

function assetOf(name: string, ext: string, body: Buffer, contentType: string, gzip: Buffer): Asset {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/widget/${name}.${hash}.${ext}`, contentType, body, gzip, etag: `"${hash}"` };
}

export function makeAsset(name: string, ext: string, body: Buffer, contentType: string): Asset {
  return assetOf(name, ext, body, contentType, zlib.gzipSync(body, GZIP));
}

const gzipOffThread = (body: Buffer): Promise<Buffer> => new Promise((resolve, reject) => zlib.gzip(body, GZIP, (err, out) => (err ? reject(err) : resolve(out))));

export interface WidgetAssets {
  webchat: Asset;
  app: Asset;
}

let cached: Map<WebChatBundle, WidgetAssets> | undefined;

/** Loads (once per process) the bundle and the page script; ~1 s for the gzip of the bundle. */
export function loadWidgetAssets(which: WebChatBundle = 'minimal'): WidgetAssets {
  cached ??= new Map();
  let a = cached.get(which);
  if (!a) {
    const js = 'application/javascript; charset=utf-8';
    a = {
      webchat: makeAsset(which === 'minimal' ? 'webchat-minimal' : 'webchat', 'js', fs.readFileSync(webChatBundleFile(which)), js),
      app: makeAsset('app', 'js', fs.readFileSync(rootPath('public', 'widget', 'app.js')), js),
    };
    cached.set(which, a);
  }
  return a;
}

/**
 * loadWidgetAssets's work with the file reads and the gzip on libuv's thread pool, not on
 * the main thread: for the warm-up right after the server listens, while the first turns run.
 */
export async function warmUpWidgetAssets(which: WebChatBundle = 'minimal'): Promise<void> {
  if (cached?.has(which)) return;
  const js = 'application/javascript; charset=utf-8';
  const [webchat, app] = await Promise.all([webChatBundleFile(which), rootPath('public', 'widget', 'app.js')].map(async (file) => {
    const body = await fs.promises.readFile(file);
    return { body, gzip: await gzipOffThread(body) };
  }));
  cached ??= new Map();
  // A visitor who came first has had them loaded on the spot: keep those.
  if (!cached.has(which)) {
    cached.set(which, {
      webchat: assetOf(which === 'minimal' ? 'webchat-minimal' : 'webchat', 'js', webchat!.body, js, webchat!.gzip),
      app: assetOf('app', 'js', app!.body, js, app!.gzip),
    });
  }
}

export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const v = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding ?? '';
  return v.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}
