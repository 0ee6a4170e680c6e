import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Browser tests run against the built app (as `npm start` serves it). Builds it when the build is
 * missing or older than the sources.
 */
const root = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

export default function setup(): void {
  const stamp = path.join(root, 'dist', '.build-stamp');
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (
    builtAt > newestMtime(path.join(root, 'src')) &&
    fs.existsSync(path.join(root, 'dist/web/index.html'))
  ) {
    return;
  }
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('The build for the browser tests failed');
  }
}
