import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../../src/server/db/database.js';

const root = path.resolve(import.meta.dirname, '../..');
const migrationsDir = path.join(root, 'src/server/db/migrations');

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsDir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(migrationsDir, file);
    if (fs.statSync(full).isFile()) {
      hash.update(file).update(fs.readFileSync(full));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite data directory, dumped once per set of migrations; each test restores it. */
export const pgliteTemplatePath = path.join(root, '.tmp', `pglite-template-${migrationsHash()}.tar.gz`);

export async function ensurePgliteTemplate(): Promise<void> {
  if (fs.existsSync(pgliteTemplatePath)) {
    return;
  }
  const client = await PGlite.create('memory://');
  await wrapPglite(client).migrate();
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  fs.mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
  const temporary = `${pgliteTemplatePath}.${process.pid}`;
  fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temporary, pgliteTemplatePath);
}
