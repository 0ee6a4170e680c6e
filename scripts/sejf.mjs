// `npm run sejf -- <command>`: the operator's CLI, compiled when built, else run from the sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/server/cli/main.js');
const args = fs.existsSync(built)
  ? [built, ...process.argv.slice(2)]
  : ['--import', 'tsx', path.join(root, 'src/server/cli/main.ts'), ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
