// Builds the web app (vite) and the server (tsc), and copies the SQL migrations next to the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv[2];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const stamp = (part) => fs.writeFileSync(path.join(root, 'dist', `.built-${part}`), new Date().toISOString());

if (!only || only === 'web') {
  run(bin('vite'), ['build', '--logLevel', 'warn']);
  stamp('web');
}
if (!only || only === 'server') {
  fs.rmSync(path.join(root, 'dist', 'server'), { recursive: true, force: true });
  fs.rmSync(path.join(root, 'dist', 'shared'), { recursive: true, force: true });
  run(bin('tsc'), ['-p', 'tsconfig.build.json']);
  fs.cpSync(path.join(root, 'src/server/db/migrations'), path.join(root, 'dist/server/db/migrations'), {
    recursive: true,
  });
  stamp('server');
}
