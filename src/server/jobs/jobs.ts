import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';

export const jobNames = ['mail.deliver', 'uploads.cleanup'] as const;
export type JobName = (typeof jobNames)[number];
export type JobHandlers = Record<JobName, () => Promise<unknown>>;

/** When each job also runs on its own, as a safety net behind the on-demand triggers. */
const schedules: Record<JobName, string> = {
  'mail.deliver': '* * * * *',
  'uploads.cleanup': '*/15 * * * *',
};

export type Jobs = {
  start(handlers: JobHandlers): Promise<void>;
  /** Asks for a run soon; several triggers while one run is queued collapse into that run. */
  trigger(name: JobName): void;
  stop(): Promise<void>;
};

/**
 * Background work through pg-boss in the same database (PostgreSQL, or PGlite through its
 * executeSql adapter): retries, schedules and single active runs across several servers.
 */
export function createJobs(db: Database, logger: Pick<Logger, 'warn' | 'error' | 'info'>): Jobs {
  let boss: PgBoss | null = null;

  return {
    async start(handlers) {
      const instance = new PgBoss({
        db: { executeSql: (text, values) => db.executeSql(text, values) },
        schema: 'pgboss',
        supervise: true,
        schedule: true,
        migrate: true,
      });
      instance.on('error', (error) => {
        logger.error({ err: error }, 'job queue error');
      });
      await instance.start();
      for (const name of jobNames) {
        await instance.createQueue(name, {
          name,
          policy: 'stately',
          retryLimit: 3,
          retryDelay: 30,
          expireInMinutes: 15,
        });
        await instance.work(name, { pollingIntervalSeconds: 2 }, async () => {
          await handlers[name]();
        });
        await instance.schedule(name, schedules[name], {}, { tz: 'Europe/Warsaw' });
      }
      boss = instance;
    },

    trigger(name) {
      if (!boss) {
        return;
      }
      boss.send(name, {}).catch((error: unknown) => {
        logger.warn({ err: error, job: name }, 'could not queue a job; its schedule will run it');
      });
    },

    async stop() {
      const instance = boss;
      boss = null;
      await instance?.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
