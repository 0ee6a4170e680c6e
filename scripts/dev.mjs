// `npm run dev`: the API with reload (tsx watch) and the web app with hot reload (vite), together.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { PUBLIC_URL: 'http://localhost:5173', NODE_ENV: 'development', ...process.env };

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'src/server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
  spawn(bin('vite'), [], { cwd: root, stdio: 'inherit', env }),
];

function stop(code) {
  for (const child of children) {
    child.kill('SIGTERM');
  }
  process.exit(code);
}
for (const child of children) {
  child.on('exit', (code) => stop(code ?? 0));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
