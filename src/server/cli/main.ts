import { parseArgs } from 'node:util';
import { createServices } from '../app.js';
import { ConfigError, parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { closePlatform, createPlatform, type Platform } from '../platform.js';
import { runAgencyCreate } from './agency-create.js';
import { runAuditVerify } from './audit-verify.js';
import { runCleanup } from './cleanup.js';
import { runResetSecondFactor } from './reset-second-factor.js';

const usage = `Usage: sejf <command> [options]

Commands:
  audit verify                         Recompute every audit chain; name the first broken entry.
  agency create --name N --nip NIP --owner-name N --owner-email E
                                       Create another agency and its owner (password from
                                       SEJF_OWNER_PASSWORD or asked on the terminal).
  user reset-second-factor --email E   Remove a user's second factors and recovery codes and end
                                       their sessions; they enrol again at the next login.
  cleanup [--abandoned-after-minutes N]
                                       Remove interrupted uploads and blobs of deleted documents now.
  setup-link                           Print a new one-time setup link (only before the first agency).

Configuration comes from the same environment variables as the server (see README).`;

type Command = (platform: Platform, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  'audit verify': runAuditVerify,
  'agency create': runAgencyCreate,
  'user reset-second-factor': runResetSecondFactor,
  cleanup: runCleanup,
  'setup-link': async (platform) => {
    const token = await createServices(platform).setup.issueSetupToken();
    if (!token) {
      console.error('An agency already exists: setup is closed.');
      return 1;
    }
    console.log(new URL(`/setup#token=${token}`, platform.config.publicUrl).toString());
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const two = positionals.slice(0, 2).join(' ');
  const name = commands[two] ? two : positionals[0];
  const command = name ? commands[name] : undefined;
  if (!command || !name) {
    console.error(usage);
    return 2;
  }
  const config = parseConfig(process.env);
  const platform = await createPlatform(config, { logger: createLogger({ logLevel: 'warn' }) });
  try {
    return await command(platform, argv.slice(name.split(' ').length));
  } finally {
    await closePlatform(platform);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error),
    );
    process.exit(1);
  },
);
