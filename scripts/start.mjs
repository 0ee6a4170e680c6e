// `npm start`: builds what is missing or older than the sources, then runs the compiled server.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { needsBuild, root } from './build-state.mjs';

for (const part of ['web', 'server']) {
  if (needsBuild(part)) {
    console.log(`Building the ${part} part…`);
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), part], {
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      process.exit(result.status ?? 1);
    }
  }
}

const server = spawnSync(process.execPath, ['--enable-source-maps', path.join(root, 'dist/server/main.js')], {
  stdio: 'inherit',
});
process.exit(server.status ?? 1);
