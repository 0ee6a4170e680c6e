import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { createKeyring, loadMasterKey, type Keyring } from './crypto/keys.js';
import { openDatabase, type Database } from './db/database.js';
import { createJobs, type Jobs } from './jobs/jobs.js';
import { createLogger, type Logger } from './logger.js';
import { createMailTransport, type MailTransport } from './mail/transport.js';
import type { VirusScanner } from './scanner/scanning.js';
import { createVirusScanner } from './scanner/virus-scanner.js';
import { createFileStorage, type FileStorage } from './storage/file-storage.js';

/** The infrastructure every feature is built on, each piece chosen once from configuration. */
export type Platform = {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  storage: FileStorage;
  keyring: Keyring;
  scanner: VirusScanner;
  mail: MailTransport;
  jobs: Jobs;
};

export async function createPlatform(
  config: Config,
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<Platform> {
  const logger = options.logger ?? createLogger(config);
  const master = await loadMasterKey(config.masterKey, logger);
  const db = await openDatabase(config.database, (error) => {
    // Connection-level failures carry no query parameters; code and message are safe to log.
    logger.warn({ code: error.code, message: error.message }, 'database connection lost');
  });
  try {
    await db.migrate();
    const storage = await createFileStorage(config.storage);
    return {
      config,
      logger,
      clock: options.clock ?? systemClock,
      db,
      storage,
      keyring: createKeyring(master),
      scanner: createVirusScanner(config.scanner, logger),
      mail: createMailTransport(config.mail, logger),
      jobs: createJobs(db, logger),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function closePlatform(platform: Platform): Promise<void> {
  await platform.jobs.stop();
  platform.mail.close();
  await platform.db.close();
}
