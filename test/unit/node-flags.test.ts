// One heap limit for production: `npm start` and the Docker image start node with the same
// flags (docs/decisions/heap-limit.md), and the bench reads them from package.json.
import fs from 'node:fs';
import path from 'node:path';
import { productionNodeFlags } from '../../bench/lib/proc';

const ROOT = path.resolve(__dirname, '../..');

it('npm start and the Dockerfile start node with the same flags, a heap limit among them', () => {
  const flags = productionNodeFlags();
  expect(flags).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  const cmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  expect(JSON.parse(cmd![1])).toEqual(['node', ...flags, 'dist/src/index.js']);
});
