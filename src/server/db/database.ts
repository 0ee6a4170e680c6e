import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { MemberRole } from './schema/agencies.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;

/** Who a tenant transaction acts for; becomes the per-transaction settings the RLS policies read. */
export type TenantScope = {
  agencyId: string;
  userId: string;
  role: MemberRole;
  collaboratorId: string | null;
};

/** A user acting outside any agency: their own sessions, factors and profile. */
export type UserScope = { userId: string };

export type Database = {
  kind: 'pglite' | 'postgres';
  /** A transaction as the restricted role sejf_app, scoped to one agency and one acting member. */
  tenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction as sejf_app for a user's own rows only (sessions, second factors). */
  user<T>(scope: UserScope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction as sejf_system: pre-authentication lookups and background jobs only. */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** Raw SQL for pg-boss, which manages its own schema. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
};

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

async function setScope(tx: Tx, settings: Record<string, string>): Promise<void> {
  // SET LOCAL ROLE drops any superuser or owner rights of the connection for this transaction only.
  await tx.execute(sql`set local role sejf_app`);
  for (const [name, value] of Object.entries(settings)) {
    await tx.execute(sql`select set_config(${name}, ${value}, true)`);
  }
}

function scopedRunners(db: Db) {
  return {
    tenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        await setScope(tx, {
          'sejf.agency_id': scope.agencyId,
          'sejf.user_id': scope.userId,
          'sejf.role': scope.role,
          'sejf.collaborator_id': scope.collaboratorId ?? '',
        });
        return fn(tx);
      });
    },
    user<T>(scope: UserScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        await setScope(tx, { 'sejf.user_id': scope.userId });
        return fn(tx);
      });
    },
    system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`set local role sejf_system`);
        return fn(tx);
      });
    },
  };
}

/** Wraps an open PGlite instance (the default, file-backed database, or one restored from a dump). */
export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client);
  return {
    kind: 'pglite',
    ...scopedRunners(db),
    async migrate() {
      await migratePglite(db, { migrationsFolder });
    },
    async ping() {
      await client.query('select 1');
    },
    async executeSql(text, values) {
      if (values && values.length > 0) {
        return client.query(text, values);
      }
      // pg-boss sends multi-statement scripts without parameters; only exec() runs those.
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * An idle pooled connection can fail at any time (server restart, administrator termination,
 * network loss). pg reports that as an 'error' event on the pool, which would otherwise crash
 * the process; the pool drops the connection and opens a new one on the next query.
 */
export type IdleConnectionErrorHandler = (error: Error & { code?: string }) => void;

export function wrapPostgres(pool: pg.Pool, onIdleError: IdleConnectionErrorHandler): Database {
  pool.on('error', onIdleError);
  const db = drizzlePg(pool);
  return {
    kind: 'postgres',
    ...scopedRunners(db),
    async migrate() {
      await migratePg(db, { migrationsFolder });
    },
    async ping() {
      await pool.query('select 1');
    },
    async executeSql(text, values) {
      return pool.query(text, values);
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openDatabase(
  config: DatabaseConfig,
  onIdleError: IdleConnectionErrorHandler,
): Promise<Database> {
  if (config.kind === 'postgres') {
    return wrapPostgres(
      new pg.Pool({ connectionString: config.url, max: config.poolSize, application_name: 'sejf' }),
      onIdleError,
    );
  }
  if (config.dataDir !== 'memory://') {
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  }
  return wrapPglite(await PGlite.create(config.dataDir));
}

/** Rows of a raw SQL query; node-postgres and PGlite both answer `{ rows }`. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: T[] }).rows;
}
