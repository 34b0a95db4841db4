// Process entry: configuration, app, listen; on SIGTERM/SIGINT finish the turns in flight.
import './deferred-packages'; // first: before botbuilder and restify load
import { loadConfig, ConfigError } from './config';
import { createApp } from './app';
import { placeIndexSource, warmUpPlacesInBackground } from './language/place';
import { demoCoordinators, startupLines } from './startup';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) { process.stderr.write(`${err.message}\n`); process.exit(2); }
    throw err;
  }
  const app = await createApp(config);
  // The commune index (from dist/communes.json, written by `npm run build`; from the source
  // packages, seconds slower, when it is missing or stale) builds while the server listens; a
  // turn that comes before it is ready waits for it (BookingBot.run).
  void warmUpPlacesInBackground(app.catalogue).then(
    (ms) => app.logger.info('commune index ready', { ms, source: placeIndexSource() }),
    (err: unknown) => app.logger.error('commune index failed', { err }),
  );
  const demo = await demoCoordinators(app.store, app.catalogue, config.nodeEnv);
  app.server.listen(config.port, () => {
    app.logger.info('listening', { url: app.server.url, store: app.store.kind });
    const address = app.server.address();
    const base = config.publicBaseUrl ?? `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
    const lines = startupLines(base);
    for (const d of demo) lines.push(`demo coordinator ${d.territory}: sign in at ${base}/coordinator with the token ${d.token} (in-memory store: gone on restart)`);
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    setImmediate(() => void app.warmUp());
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info('stopping', { signal });
    // Turns in flight get a few seconds; a stuck connection must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    await app.close().catch((err) => app.logger.error('close failed', { err }));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
