import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collaboratorInput,
  createActiveCollaborator,
  loginWithTotp,
  ownerPassword,
  setupAgency,
  type AgencyFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { documentUpload, samplePdf } from '../../../../test/multipart.js';
import { parseConfig } from '../../config.js';
import { closePlatform, createPlatform } from '../../platform.js';
import { createAgencyWithOwner } from '../agencies/provisioning.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');

type AuditPage = {
  events: {
    seq: number;
    event: string;
    actorUserId: string | null;
    actorName: string | null;
    at: string;
    details: Record<string, unknown>;
  }[];
  nextBefore: number | null;
};

/** Changes audit rows the only way they can be changed: as the database superuser, trigger off. */
async function tamper(t: TestApp, statement: string, values: unknown[]): Promise<void> {
  await t.platform.db.executeSql('alter table audit_events disable trigger audit_events_append_only');
  await t.platform.db.executeSql(statement, values);
  await t.platform.db.executeSql('alter table audit_events enable trigger audit_events_append_only');
}

describe('audit trail', () => {
  let t: TestApp;
  let agencies: AgencyFixture[];

  beforeAll(async () => {
    t = await createTestApp();
    agencies = [];
    for (const name of ['Agencja Jeden', 'Agencja Dwa', 'Agencja Trzy', 'Agencja Cztery']) {
      const agency = await setupAgency(t, { name });
      const jan = await createActiveCollaborator(t, agency.owner);
      const body = documentUpload(jan.collaboratorId, [{ fileName: 'r.pdf', content: samplePdf() }]);
      const sent = await agency.owner.request('POST', '/api/documents', {
        payload: body.payload,
        headers: { 'content-type': body.contentType },
      });
      const doc = sent.json<{ id: string; files: { id: string }[] }>();
      await jan.client.get(`/api/panel/documents/${doc.id}/files/${doc.files[0]?.id ?? ''}/download`);
      agencies.push(agency);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('records logins, second factors, invitations, uploads and downloads, newest first, for the owner', async () => {
    const [agency] = agencies;
    if (!agency) {
      throw new Error('no agency');
    }
    await agency.owner.post('/api/auth/login', { email: agency.ownerEmail, password: 'zle-haslo-0000' });
    await loginWithTotp(t, agency.ownerEmail, ownerPassword, agency.ownerSecret);
    const page = (await agency.owner.get('/api/audit?limit=500')).json<AuditPage>();
    const events = page.events.map((e) => e.event);
    for (const event of [
      'agency.created',
      'auth.totp_enrolled',
      'collaborator.created',
      'invitation.created',
      'invitation.accepted',
      'document.uploaded',
      'document.opened',
      'document.downloaded',
      'auth.login_failed',
      'auth.login_succeeded',
      'auth.second_factor_verified',
    ]) {
      expect(events, event).toContain(event);
    }
    const seqs = page.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const failed = page.events.find((e) => e.event === 'auth.login_failed');
    expect(failed?.details).toEqual({ reason: 'wrong_password' });
    const filtered = (await agency.owner.get('/api/audit?event=document.downloaded')).json<AuditPage>();
    expect(filtered.events.every((e) => e.event === 'document.downloaded')).toBe(true);
    const older = (await agency.owner.get(`/api/audit?limit=2`)).json<AuditPage>();
    expect(older.events).toHaveLength(2);
    const next = (
      await agency.owner.get(`/api/audit?limit=2&before=${older.nextBefore ?? 0}`)
    ).json<AuditPage>();
    expect(next.events[0]?.seq).toBe((older.events[1]?.seq ?? 0) - 1);
    const actors = (await agency.owner.get('/api/audit/actors')).json<{ name: string }[]>();
    expect(actors.map((a) => a.name)).toContain('Anna Właścicielka');
  });

  it('records recovery codes, sessions ended, invitations resent and revoked, deletions; filters by person and time', async () => {
    const agency = agencies[3];
    if (!agency) {
      throw new Error('no agency');
    }
    // A login finished with a recovery code, then that session ended from the first one.
    const phone = t.client();
    await phone.post('/api/auth/login', { email: agency.ownerEmail, password: ownerPassword });
    const recovered = await phone.post('/api/auth/second-factor/recovery-code', {
      code: agency.recoveryCodes[0] ?? '',
    });
    expect(recovered.status, recovered.body).toBe(200);
    const sessions = (await agency.owner.get('/api/account/sessions')).json<
      { id: string; current: boolean }[]
    >();
    const other = sessions.find((session) => !session.current);
    expect((await agency.owner.delete(`/api/account/sessions/${other?.id ?? ''}`)).status).toBe(204);
    expect((await phone.get('/api/account')).status).toBe(401);

    // An invitation sent, sent again and withdrawn.
    const created = await agency.owner.post('/api/collaborators', collaboratorInput());
    const invited = await agency.owner.post(
      `/api/collaborators/${created.json<{ id: string }>().id}/invitation`,
    );
    const invitationId = invited.json<{ id: string }>().id;
    expect((await agency.owner.post(`/api/invitations/${invitationId}/resend`)).status).toBe(200);
    expect((await agency.owner.post(`/api/invitations/${invitationId}/revoke`)).status).toBe(200);

    // A document deleted.
    const [document] = (await agency.owner.get('/api/documents')).json<{ items: { id: string }[] }>().items;
    expect((await agency.owner.delete(`/api/documents/${document?.id ?? ''}`)).status).toBe(204);

    const page = (await agency.owner.get('/api/audit?limit=500')).json<AuditPage>();
    const events = page.events.map((e) => e.event);
    for (const event of [
      'auth.recovery_code_used',
      'session.revoked',
      'invitation.resent',
      'invitation.revoked',
      'document.deleted',
    ]) {
      expect(events, event).toContain(event);
    }

    // By person: the collaborator's own events only (their invitation acceptance, logins, download).
    const collaborator = page.events.find((e) => e.event === 'document.downloaded')?.actorUserId;
    expect(collaborator).toBeTruthy();
    const theirs = (
      await agency.owner.get(`/api/audit?limit=500&actorUserId=${collaborator ?? ''}`)
    ).json<AuditPage>();
    expect(theirs.events.length).toBeGreaterThan(0);
    expect(theirs.events.length).toBeLessThan(page.events.length);
    expect(theirs.events.every((e) => e.actorUserId === collaborator)).toBe(true);

    // By time: a window that holds exactly the events of its own instants.
    const newest = page.events[0];
    const atNewest = (
      await agency.owner.get(
        `/api/audit?limit=500&from=${encodeURIComponent(newest?.at ?? '')}&to=${encodeURIComponent(newest?.at ?? '')}`,
      )
    ).json<AuditPage>();
    expect(atNewest.events.map((e) => e.seq)).toEqual(
      page.events.filter((e) => e.at === newest?.at).map((e) => e.seq),
    );
    const longAgo = (
      await agency.owner.get(`/api/audit?to=${encodeURIComponent('2000-01-01T00:00:00.000Z')}`)
    ).json<AuditPage>();
    expect(longAgo.events).toEqual([]);
  });

  it('verifies every chain, and names the first broken entry after tampering', async () => {
    const clean = await t.services.audit.verifyAll();
    expect(clean.every((report) => report.failure === null)).toBe(true);
    expect(clean.filter((report) => report.chainId !== 'system')).toHaveLength(agencies.length);

    const [one, two, three] = agencies.map((a) => a.agencyId);
    await tamper(t, `update audit_events set details = '{"reason":"none"}' where chain_id = $1 and seq = 3`, [
      one,
    ]);
    await tamper(t, 'delete from audit_events where chain_id = $1 and seq = 5', [two]);
    await tamper(
      t,
      'delete from audit_events where chain_id = $1 and seq = (select max(seq) from audit_events where chain_id = $1)',
      [three],
    );

    const reports = await t.services.audit.verifyAll();
    const byChain = new Map(reports.map((report) => [report.chainId, report.failure]));
    expect(byChain.get(one ?? '')).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
    expect(byChain.get(two ?? '')).toMatchObject({ seq: 5, reason: 'sequence_gap' });
    expect(byChain.get(three ?? '')).toMatchObject({ reason: 'head_mismatch' });
    expect(byChain.get(agencies[3]?.agencyId ?? '')).toBeNull();
  });
});

describe('sejf audit verify (the command)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-cli-'));
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
    VIRUS_SCAN: 'off',
    LOG_LEVEL: 'warn',
  };
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/cli/main.ts'), ...args], {
      env,
      cwd: root,
    }).then(
      (result) => ({ code: 0, stdout: result.stdout }),
      (error: unknown) => {
        const failed = error as { code?: number; stdout?: string };
        return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
      },
    );

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0 on an intact trail and 1, naming the entry, on a tampered one', async () => {
    const platform = await createPlatform(parseConfig(env));
    const agencyId = await createAgencyWithOwner(platform, {
      agency: { name: 'Agencja CLI', nip: '5242953841' },
      owner: { fullName: 'Celina Konsola', email: 'cli@agencja.pl', password: ownerPassword },
      locale: 'pl',
    });
    await closePlatform(platform);

    const intact = await cli(['audit', 'verify']);
    expect(intact.code, intact.stdout).toBe(0);
    expect(intact.stdout).toContain(`OK      agency ${agencyId}: 1 entries`);

    const tampered = await createPlatform(parseConfig(env));
    await tampered.db.executeSql('alter table audit_events disable trigger audit_events_append_only');
    await tampered.db.executeSql("update audit_events set actor_name = 'Ktoś Inny' where chain_id = $1", [
      agencyId,
    ]);
    await closePlatform(tampered);

    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN  agency ${agencyId}: entry #1`);
    expect(broken.stdout).toContain('altered');
    // Four embedded databases opened and migrated, two of them by separate processes.
  }, 180_000);
});
