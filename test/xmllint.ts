import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A copy of the official FA(3) schema set whose imports name local files, so validation needs no network. */
export const FA3_SCHEMA = fileURLToPath(new URL('fixtures/ksef/schema/FA3.xsd', import.meta.url));

/**
 * `xmllint --noout --nonet --schema FA3.xsd file.xml` in a private directory: `validate` returns xmllint's error
 * lines (none when the XML is valid); `close` removes the directory.
 */
export function createFa3Validator() {
  const workDir = mkdtempSync(join(tmpdir(), 'sejf-fa3-'));
  let fileCount = 0;
  return {
    validate(xml: string | Buffer): string[] {
      fileCount += 1;
      const file = join(workDir, `invoice-${fileCount}.xml`);
      writeFileSync(file, xml);
      const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', FA3_SCHEMA, file], {
        encoding: 'utf8',
      });
      if (result.error !== undefined) {
        throw new Error('These tests need xmllint: apt-get install -y libxml2-utils', {
          cause: result.error,
        });
      }
      return result.status === 0 ? [] : result.stderr.split('\n').filter((line) => line !== '');
    },
    close() {
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
