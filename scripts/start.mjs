// `npm start`: builds what is missing or older than the sources, then runs the compiled server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

// Each part depends on its own sources and the shared ones.
const sources = { web: ['src/web', 'src/shared'], server: ['src/server', 'src/shared'] };
const sourcesAt = (part) => Math.max(...sources[part].map((dir) => newestMtime(path.join(root, dir))));
const builtAt = (part) => {
  const stamp = path.join(root, 'dist', `.built-${part}`);
  return fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
};
const needs = (part, file) =>
  sourcesAt(part) > builtAt(part) || !fs.existsSync(path.join(root, 'dist', file));

for (const [part, file] of [
  ['web', 'web/index.html'],
  ['server', 'server/main.js'],
]) {
  if (needs(part, file)) {
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
