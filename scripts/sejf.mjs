// `npm run sejf -- <command>`: the operator's CLI, compiled when the build is current, else run from the sources
// (never a build older than the sources).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { needsBuild, root } from './build-state.mjs';

const args = needsBuild('server')
  ? ['--import', 'tsx', path.join(root, 'src/server/cli/main.ts'), ...process.argv.slice(2)]
  : [path.join(root, 'dist/server/cli/main.js'), ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
