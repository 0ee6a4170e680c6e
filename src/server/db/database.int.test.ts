import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { wrapPostgres, type Database } from './database.js';

const serverUrl = inject('services').postgresServerUrl ?? '';

// Needs a PostgreSQL server (in every CI stage; the global setup fails the run in CI when there is none).
describe.runIf(serverUrl !== '')('PostgreSQL pool', () => {
  const name = `sejf_pool_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  let admin: pg.Client;
  let db: Database;
  const lost: { code?: string }[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = wrapPostgres(new pg.Pool({ connectionString: url.toString(), max: 3 }), (error) => {
      lost.push({ code: error.code });
    });
  });

  afterAll(async () => {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('survives the server terminating its idle connections and reconnects on the next query', async () => {
    // Three connections in the pool, all idle afterwards.
    await Promise.all([1, 2, 3].map(() => db.executeSql('select pg_sleep(0.05)')));
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    await expect.poll(() => lost.length).toBe(3);
    expect(lost.every((error) => error.code === '57P01')).toBe(true);

    const after = await db.executeSql('select 1 as one');
    expect(after.rows).toEqual([{ one: 1 }]);
  });
});
