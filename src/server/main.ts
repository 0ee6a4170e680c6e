import fs from 'node:fs';
import { buildApp, createServices } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { closePlatform, createPlatform } from './platform.js';

/** Boot: config → database (migrated) → storage → jobs → HTTP. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config);
  const platform = await createPlatform(config, { logger });
  const services = createServices(platform);
  const https = config.tls
    ? { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) }
    : undefined;
  const app = await buildApp(platform, services, { https });

  await platform.jobs.start(services.jobHandlers);
  await app.listen({ host: config.host, port: config.port });

  const setupToken = await services.setup.issueSetupToken();
  if (setupToken) {
    // The one place the server writes to the console on purpose: only whoever runs it may set it up.
    process.stdout.write(
      `\n  Sejf is not set up yet. Open this one-time link to create the first agency:\n\n` +
        `    ${new URL(`/setup#token=${setupToken}`, config.publicUrl).toString()}\n\n` +
        `  The link works once; restarting the server issues a new one.\n\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await closePlatform(platform);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Sejf failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
