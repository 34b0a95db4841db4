// The project root, found from this file whether it runs from src/ (tsx, jest) or dist/src/.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${start}`);
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
export const rootPath = (...parts: string[]): string => path.join(ROOT, ...parts);
