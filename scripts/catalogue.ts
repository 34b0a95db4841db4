// The catalogue in the store (shared by every server process), from the command line:
//   npm run catalogue -- import FILE                 upsert territories, sites, volunteers by id
//   npm run catalogue -- export [--territory 44]     print the data/territories.json format
//   npm run catalogue -- import-lieux FILE --territory 44   sites from the national schema
// Same REDIS_URL / REDIS_PREFIX as the server. A refused file changes nothing.
import { parseArgs } from 'node:util';
import { CatalogueError, loadCatalogue } from '../src/booking/catalogue';
import { exportCatalogue, importCatalogue, readJsonFile } from '../src/catalogue/commands';
import { importLieux } from '../src/catalogue/lieux';
import { fail, serverStore } from './cli';

const USAGE = `usage:
  npm run catalogue -- import <file.json>
  npm run catalogue -- export [--territory <code>]
  npm run catalogue -- import-lieux <file.csv|file.json> --territory <code>`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { territory: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, file] = positionals;
  if (values.help || !['import', 'export', 'import-lieux'].includes(command ?? '')) fail(USAGE, values.help ? 0 : 2);
  if (command !== 'export' && !file) fail(USAGE, 2);
  const territory = values.territory?.trim().toUpperCase();
  if (command === 'import-lieux' && !territory) fail('--territory is required', 2);

  const seed = loadCatalogue(process.env.TERRITORIES_FILE?.trim() || undefined);
  const store = await serverStore('The catalogue lives in the store that every server process reads (the in-memory store of a first try is seeded from TERRITORIES_FILE)');
  try {
    if (command === 'export') {
      process.stdout.write(`${JSON.stringify(await exportCatalogue(store, seed, territory), null, 2)}\n`);
    } else if (command === 'import') {
      const r = await importCatalogue(store, seed, readJsonFile(file!), file!);
      process.stdout.write(`imported ${file}: ${r.territories} territories, ${r.sites} sites, ${r.volunteers} volunteers (catalogue version ${r.version})\n`);
    } else {
      const r = await importLieux(store, seed, file!, territory!);
      process.stdout.write(`imported ${file}: ${r.sites} sites in territory ${territory} (catalogue version ${r.version})`
        + `${r.skipped.length ? `; skipped ${r.skipped.length}: ${r.skipped.join('; ')}` : ''}\n`);
    }
  } catch (err) {
    if (err instanceof CatalogueError) fail(`${err.source}: nothing changed\n${err.issues.map((i) => `  ${i.path || '(file)'}: ${i.message}`).join('\n')}`);
    throw err;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: Error) => fail(err.message));
