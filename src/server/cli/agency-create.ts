import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.js';
import { createAgencyWithOwner } from '../features/agencies/provisioning.js';
import type { Platform } from '../platform.js';

async function askPassword(): Promise<string> {
  const fromEnv = process.env.SEJF_OWNER_PASSWORD;
  if (fromEnv) {
    return fromEnv;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question('Owner password (at least 12 characters): ');
  } finally {
    rl.close();
  }
}

export async function runAgencyCreate(platform: Platform, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      nip: { type: 'string' },
      regon: { type: 'string' },
      'owner-name': { type: 'string' },
      'owner-email': { type: 'string' },
    },
  });
  if (!values.name || !values.nip || !values['owner-name'] || !values['owner-email']) {
    console.error('agency create needs --name, --nip, --owner-name and --owner-email');
    return 2;
  }
  try {
    const agencyId = await createAgencyWithOwner(platform, {
      agency: { name: values.name, nip: values.nip, regon: values.regon },
      owner: { fullName: values['owner-name'], email: values['owner-email'], password: await askPassword() },
      locale: 'pl',
    });
    console.log(
      `Agency created: ${agencyId}. The owner logs in at ${platform.config.publicUrl.origin} and enrols a second factor.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Not created: ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
