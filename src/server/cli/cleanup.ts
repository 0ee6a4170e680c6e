import { parseArgs } from 'node:util';
import { createServices } from '../app.js';
import { addMinutes } from '../clock.js';
import type { Platform } from '../platform.js';

export async function runCleanup(platform: Platform, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'abandoned-after-minutes': { type: 'string', default: '60' } },
  });
  const minutes = Number(values['abandoned-after-minutes']);
  if (!Number.isInteger(minutes) || minutes < 0) {
    console.error('--abandoned-after-minutes must be a whole number ≥ 0');
    return 2;
  }
  const services = createServices(platform);
  const uploads = await services.documents.cleanupAbandonedUploads(
    addMinutes(platform.clock.now(), -minutes),
  );
  const blobs = await services.documents.deleteShreddedBlobs();
  console.log(`Removed ${uploads} interrupted upload(s) and ${blobs} blob(s) of deleted documents.`);
  return 0;
}
