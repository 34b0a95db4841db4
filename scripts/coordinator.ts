// Coordinator accounts, from the command line (they live in Redis, shared with the server):
//   npm run coordinator -- add --name "Coordination Loire-Atlantique" --territory 44 [--password[=…]]
//   npm run coordinator -- list
//   npm run coordinator -- revoke --id co-1a2b3c4d5e
// `add` prints the token once; only its hash is stored. `--password` alone reads the
// password from the first line of standard input (e.g. piped from a password manager).
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../src/booking/catalogue';
import { CatalogueSource } from '../src/catalogue/source';
import { Accounts, MIN_PASSWORD_LENGTH } from '../src/coordinator/accounts';
import { fail, serverStore } from './cli';

const USAGE = `usage:
  npm run coordinator -- add --name "<name>" --territory <code> [--password[=<password>]]
  npm run coordinator -- list
  npm run coordinator -- revoke --id <account id>`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { name: { type: 'string' }, territory: { type: 'string' }, id: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean' } },
  }).valueOf() as { positionals: string[]; values: Record<string, string | boolean | undefined> };
  const command = positionals[0];
  if (values.help || !command || !['add', 'list', 'revoke'].includes(command)) fail(USAGE, values.help ? 0 : 2);

  const store = await serverStore('Coordinator accounts are stored in Redis so that the server (every process) sees them; the in-memory store cannot share accounts');
  const accounts = new Accounts(store.records);
  try {
    if (command === 'add') {
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      const territory = typeof values.territory === 'string' ? values.territory.trim().toUpperCase() : '';
      if (!name) fail('--name is required');
      // The territories of the stored catalogue (a territory added by import gets coordinators too).
      const { catalogue } = await CatalogueSource.open(store.catalogue, loadCatalogue(process.env.TERRITORIES_FILE?.trim() || undefined));
      if (!catalogue.territories.has(territory)) fail(`--territory must be one of: ${[...catalogue.territories.keys()].join(', ')}`);
      let password: string | undefined;
      if (typeof values.password === 'string') password = values.password === '' ? await readStdinLine() : values.password;
      if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) fail(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      const { account, token } = await accounts.add({ name, territory, password });
      process.stdout.write(`id: ${account.id}\nname: ${account.name}\nterritory: ${account.territory}\npassword: ${account.hasPassword ? 'set' : 'none'}\n`
        + `token: ${token}\n\nKeep this token now: it is shown only once (only its hash is stored).\n`);
    } else if (command === 'list') {
      const list = await accounts.list();
      if (!list.length) process.stdout.write('no coordinator accounts\n');
      for (const a of list) {
        process.stdout.write(`${a.id}\t${a.territory}\t${a.revoked ? 'revoked' : 'active'}\t${a.hasPassword ? 'password' : 'token-only'}\t${new Date(a.createdAt).toISOString()}\t${a.name}\n`);
      }
    } else {
      const id = typeof values.id === 'string' ? values.id.trim() : '';
      if (!id) fail('--id is required');
      if (!(await accounts.revoke(id))) fail(`no account ${id}`);
      process.stdout.write(`revoked ${id}: its token, password and sessions no longer work\n`);
    }
  } finally {
    await store.close();
  }
}

// `--password` with no value means "read it from stdin": parseArgs needs an explicit empty value.
const args = process.argv.slice(2).map((a, i, all) => (a === '--password' && (all[i + 1] === undefined || all[i + 1].startsWith('--')) ? '--password=' : a));
main(args).catch((err: Error) => fail(err.message));
