import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from './flows.js';
import { createTestApp, type TestApp } from './harness.js';
import { documentUpload, samplePdf } from './multipart.js';

/**
 * The second lock of tenant isolation: PostgreSQL row-level security, forced on every table, for
 * a role that cannot bypass it. The same on PGlite and on the PostgreSQL server.
 */
describe('row-level security', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let b: AgencyFixture;
  let janA: CollaboratorFixture;
  let janB: CollaboratorFixture;
  let tables: string[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t, { name: 'Agencja A' });
    b = await setupAgency(t, { name: 'Agencja B' });
    janA = await createActiveCollaborator(t, a.owner);
    janB = await createActiveCollaborator(t, b.owner);
    for (const [agency, jan] of [
      [a, janA],
      [b, janB],
    ] as const) {
      const body = documentUpload(jan.collaboratorId, [
        { fileName: 'rozliczenie.pdf', content: samplePdf() },
      ]);
      const sent = await agency.owner.request('POST', '/api/documents', {
        payload: body.payload,
        headers: { 'content-type': body.contentType },
      });
      expect(sent.status).toBe(201);
      const doc = sent.json<{ id: string }>();
      expect((await jan.client.get(`/api/panel/documents/${doc.id}`)).status).toBe(200);
    }
    tables = await t.platform.db.system(async (tx) => {
      const rows = await queryRows<{ name: string }>(
        tx,
        sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r' order by 1`,
      );
      return rows.map((row) => row.name);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('forces RLS on every table of the schema', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(17);
    const rows = await t.platform.db.system(async (tx) => {
      const rows = await queryRows<{ name: string; enabled: boolean; forced: boolean }>(
        tx,
        sql`select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r'`,
      );
      return rows;
    });
    const unprotected = rows.filter((row) => !row.enabled || !row.forced).map((row) => row.name);
    expect(unprotected).toEqual([]);
  });

  it('runs the application as a role that is not a superuser and cannot bypass RLS', async () => {
    const roles = await t.platform.db.system(async (tx) => {
      const rows = await queryRows<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
        tx,
        sql`select rolname, rolsuper, rolbypassrls from pg_roles where rolname in ('sejf_app', 'sejf_system') order by 1`,
      );
      return rows;
    });
    expect(roles).toEqual([
      { rolname: 'sejf_app', rolsuper: false, rolbypassrls: false },
      { rolname: 'sejf_system', rolsuper: false, rolbypassrls: false },
    ]);
  });

  it('shows the application role zero rows of any table without the tenant settings', async () => {
    const systemCounts: Record<string, number> = {};
    const appCounts: Record<string, number | 'no access'> = {};
    for (const table of tables) {
      systemCounts[table] = await t.platform.db.system(async (tx) => {
        const rows = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        );
        return rows[0]?.n ?? 0;
      });
      appCounts[table] = await t.platform.db
        .system(async (tx) => {
          await tx.execute(sql`set local role sejf_app`);
          const rows = await queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from ${sql.identifier(table)}`,
          );
          return rows[0]?.n ?? 0;
        })
        .catch((error: unknown) => {
          // Tables the application role has no grant on at all (throttles, setup tokens).
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
          expect(cause).toContain('permission denied');
          return 'no access' as const;
        });
    }
    // The fixtures put rows in the tables that matter, so zero is a real finding, not an empty table.
    for (const table of [
      'agencies',
      'users',
      'collaborators',
      'memberships',
      'documents',
      'document_files',
      'audit_events',
      'sessions',
    ]) {
      expect(systemCounts[table], table).toBeGreaterThan(0);
    }
    expect(
      Object.values(appCounts).every((n) => n === 0 || n === 'no access'),
      JSON.stringify(appCounts),
    ).toBe(true);
    expect(appCounts.auth_throttles).toBe('no access');
  });

  it("shows one agency's member none of another agency's rows, even with a forged query", async () => {
    const scope = {
      agencyId: a.agencyId,
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'owner' as const,
      collaboratorId: null,
    };
    const visible = await t.platform.db.tenant(scope, async (tx) => {
      const rows = await queryRows<{ agencies: number; foreign: number; own: number }>(
        tx,
        sql`
        select (select count(*)::int from agencies) as agencies,
               (select count(*)::int from collaborators where agency_id = ${b.agencyId}) as foreign,
               (select count(*)::int from collaborators where agency_id = ${a.agencyId}) as own`,
      );
      return rows[0];
    });
    expect(visible).toEqual({ agencies: 1, foreign: 0, own: 1 });
  });

  it('shows a collaborator only their own collaborator row and documents', async () => {
    const other = await createActiveCollaborator(t, a.owner);
    const scope = {
      agencyId: a.agencyId,
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'collaborator' as const,
      collaboratorId: janA.collaboratorId,
    };
    const visible = await t.platform.db.tenant(scope, async (tx) => {
      const rows = await queryRows<{
        collaborators: number;
        documents: number;
        invitations: number;
        audit: number;
      }>(
        tx,
        sql`
        select (select count(*)::int from collaborators) as collaborators,
               (select count(*)::int from documents) as documents,
               (select count(*)::int from invitations) as invitations,
               (select count(*)::int from audit_events) as audit`,
      );
      return rows[0];
    });
    expect(visible).toEqual({ collaborators: 1, documents: 1, invitations: 0, audit: 0 });
    expect(other.collaboratorId).not.toBe(janA.collaboratorId);
  });

  it('refuses writes into another agency', async () => {
    const scope = {
      agencyId: a.agencyId,
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'owner' as const,
      collaboratorId: null,
    };
    await expect(
      t.platform.db.tenant(scope, (tx) =>
        tx.execute(sql`update collaborators set full_name = 'Przejęty' where agency_id = ${b.agencyId}`),
      ),
    ).resolves.toMatchObject({});
    const names = await t.platform.db.system(async (tx) => {
      const rows = await queryRows<{ full_name: string }>(
        tx,
        sql`select full_name from collaborators where agency_id = ${b.agencyId}`,
      );
      return rows.map((row) => row.full_name);
    });
    expect(names).not.toContain('Przejęty');
    await expect(
      t.platform.db.tenant(scope, (tx) =>
        tx.execute(
          sql`insert into collaborators (id, agency_id, full_name, email, knf_number, tax_mode)
              values (gen_random_uuid(), ${b.agencyId}, 'Wstawiony', 'x@y.pl', '99999999/A', 'bill')`,
        ),
      ),
    ).rejects.toThrow();
  });

  it('keeps the audit trail append-only for every role', async () => {
    await expect(
      t.platform.db.system((tx) => tx.execute(sql`update audit_events set event = 'x'`)),
    ).rejects.toThrow();
    await expect(t.platform.db.system((tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
  });
});
