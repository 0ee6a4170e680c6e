// Whether a compiled part of Sejf (web, server) is missing or older than its sources.
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

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
const parts = {
  web: { sources: ['src/web', 'src/shared'], output: 'web/index.html' },
  server: { sources: ['src/server', 'src/shared'], output: 'server/main.js' },
};

/** True when `part` must be built before its output can be used. */
export function needsBuild(part) {
  const { sources, output } = parts[part];
  const stamp = path.join(root, 'dist', `.built-${part}`);
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const sourcesAt = Math.max(...sources.map((dir) => newestMtime(path.join(root, dir))));
  return sourcesAt > builtAt || !fs.existsSync(path.join(root, 'dist', output));
}
