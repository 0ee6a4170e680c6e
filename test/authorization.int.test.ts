import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collaboratorPassword,
  createActiveCollaborator,
  collaboratorInput,
  latestInvitationCode,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from './flows.js';
import { createTestApp, type TestApp, type TestClient } from './harness.js';
import { documentUpload, multipartBody, samplePdf } from './multipart.js';
import { importStatement, insurerId, pzuStatement } from './settlements.js';

/**
 * Every registered route, checked for every kind of caller. The route list comes from the OpenAPI
 * document the server generates, so a new route that is missing from `expected` fails here until
 * someone decides who may call it.
 */
type Access = 'public' | 'pending' | 'enrolment' | 'active' | 'staff' | 'owner' | 'collaborator';

const expected: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/config': 'public',
  'GET /api/setup/status': 'public',
  'POST /api/setup': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/invitations/check': 'public',
  'POST /api/invitations/accept': 'public',
  'POST /api/auth/logout': 'pending',
  'POST /api/auth/second-factor/totp': 'pending',
  'POST /api/auth/second-factor/recovery-code': 'pending',
  'POST /api/auth/second-factor/passkey/options': 'pending',
  'POST /api/auth/second-factor/passkey': 'pending',
  'POST /api/account/totp': 'enrolment',
  'POST /api/account/totp/confirm': 'enrolment',
  'POST /api/account/passkeys/options': 'enrolment',
  'POST /api/account/passkeys': 'enrolment',
  'POST /api/auth/switch-agency': 'active',
  'GET /api/account': 'active',
  'PATCH /api/account': 'active',
  'POST /api/account/password': 'active',
  'DELETE /api/account/second-factors/{id}': 'active',
  'POST /api/account/recovery-codes': 'active',
  'GET /api/account/sessions': 'active',
  'DELETE /api/account/sessions/{id}': 'active',
  'POST /api/account/sessions/revoke-all': 'active',
  'GET /api/account/devices': 'active',
  'DELETE /api/account/devices/{id}': 'active',
  'GET /api/collaborators': 'staff',
  'POST /api/collaborators': 'staff',
  'GET /api/collaborators/{id}': 'staff',
  'PATCH /api/collaborators/{id}': 'staff',
  'POST /api/collaborators/{id}/archive': 'staff',
  'POST /api/collaborators/{id}/invitation': 'staff',
  'GET /api/insurers': 'staff',
  'POST /api/insurers': 'staff',
  'PATCH /api/insurers/{id}': 'staff',
  'GET /api/agent-codes': 'staff',
  'POST /api/agent-codes': 'staff',
  'DELETE /api/agent-codes/{id}': 'staff',
  'GET /api/imports': 'staff',
  'POST /api/imports': 'staff',
  'GET /api/imports/unmatched': 'staff',
  'POST /api/imports/assignments': 'staff',
  'GET /api/imports/{id}': 'staff',
  'PUT /api/imports/{id}/mapping': 'staff',
  'POST /api/imports/{id}/parse': 'staff',
  'GET /api/imports/{id}/lines': 'staff',
  'POST /api/imports/{id}/commit': 'staff',
  'DELETE /api/imports/{id}': 'staff',
  'GET /api/imports/{id}/file': 'staff',
  'GET /api/rules': 'staff',
  'POST /api/rules': 'staff',
  'PUT /api/rules/{id}': 'staff',
  'GET /api/rules/{id}/versions': 'staff',
  'DELETE /api/rules/{id}': 'staff',
  'GET /api/periods': 'staff',
  'POST /api/periods': 'staff',
  'GET /api/periods/{id}': 'staff',
  'GET /api/periods/{id}/settlement': 'staff',
  'GET /api/periods/{id}/lines': 'staff',
  'GET /api/periods/{id}/adjustments': 'staff',
  'POST /api/periods/{id}/adjustments': 'staff',
  'DELETE /api/periods/{id}/adjustments/{adjustmentId}': 'staff',
  'POST /api/periods/{id}/lock': 'staff',
  'POST /api/periods/{id}/reopen': 'owner',
  'POST /api/periods/{id}/publish': 'staff',
  'GET /api/periods/{id}/statements': 'staff',
  'GET /api/statements/{id}': 'staff',
  'GET /api/statements/{id}/lines': 'staff',
  'POST /api/statements/{id}/messages': 'staff',
  'POST /api/statements/{id}/corrections': 'staff',
  'POST /api/statements/{id}/disputes/{disputeId}/reject': 'staff',
  'POST /api/statements/{id}/payment': 'owner',
  'POST /api/periods/{id}/close': 'owner',
  'GET /api/periods/{id}/payouts': 'staff',
  'POST /api/statements/{id}/invoice': 'owner',
  'GET /api/statements/{id}/invoice': 'staff',
  'POST /api/statements/{id}/invoice/draft': 'staff',
  'POST /api/invoices/{id}/void': 'staff',
  'POST /api/panel/statements/{id}/invoice': 'collaborator',
  'GET /api/panel/statements/{id}/invoice': 'collaborator',
  'POST /api/panel/invoices/{id}/approve': 'collaborator',
  'GET /api/reports/commission': 'staff',
  'GET /api/imports/{id}/reconciliation': 'staff',
  'GET /api/panel/earnings': 'collaborator',
  'GET /api/panel/statements': 'collaborator',
  'GET /api/panel/statements/{id}': 'collaborator',
  'GET /api/panel/statements/{id}/lines': 'collaborator',
  'POST /api/panel/statements/{id}/messages': 'collaborator',
  'POST /api/panel/statements/{id}/accept': 'collaborator',
  'POST /api/panel/statements/{id}/disputes': 'collaborator',
  'GET /api/invitations': 'staff',
  'POST /api/invitations/{id}/resend': 'staff',
  'POST /api/invitations/{id}/revoke': 'staff',
  'GET /api/documents': 'staff',
  'POST /api/documents': 'staff',
  'GET /api/documents/{id}': 'staff',
  'DELETE /api/documents/{id}': 'staff',
  'GET /api/documents/{id}/files/{fileId}/download': 'staff',
  'GET /api/agency': 'staff',
  'GET /api/dashboard': 'staff',
  'PATCH /api/agency': 'owner',
  'GET /api/team': 'owner',
  'POST /api/team/{id}/disable': 'owner',
  'POST /api/invitations/staff': 'owner',
  'GET /api/dev/outbox': 'owner',
  'GET /api/audit': 'owner',
  'GET /api/audit/actors': 'owner',
  'GET /api/panel/summary': 'collaborator',
  'GET /api/panel/documents': 'collaborator',
  'GET /api/panel/documents/{id}': 'collaborator',
  'GET /api/panel/documents/{id}/files/{fileId}/download': 'collaborator',
};

type Caller = 'anonymous' | 'pending' | 'enrolment' | 'owner' | 'staff' | 'collaborator';
const callers: Caller[] = ['anonymous', 'pending', 'enrolment', 'owner', 'staff', 'collaborator'];

/** May this caller pass the route's access check? (What happens after it is the service's business.) */
function allows(access: Access, caller: Caller): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'pending':
      return caller !== 'anonymous';
    case 'enrolment':
      return caller !== 'anonymous' && caller !== 'pending';
    case 'active':
      return caller === 'owner' || caller === 'staff' || caller === 'collaborator';
    case 'staff':
      return caller === 'owner' || caller === 'staff';
    case 'owner':
      return caller === 'owner';
    case 'collaborator':
      return caller === 'collaborator';
  }
}

/** The refusal each caller gets from a route it may not call. */
function refusal(caller: Caller, access: Access): { status: number; code: string } {
  if (caller === 'anonymous') {
    return { status: 401, code: 'unauthenticated' };
  }
  if (caller === 'pending') {
    return { status: 401, code: 'second_factor_required' };
  }
  if (caller === 'enrolment') {
    return { status: 403, code: 'second_factor_enrolment_required' };
  }
  return { status: 403, code: access === 'enrolment' ? 'second_factor_required' : 'forbidden' };
}

/** Routes that change state even with an empty body: called only with ids that are not the caller's. */
const bodies: Record<string, unknown> = {
  'PATCH /api/collaborators/{id}': { fullName: 'Nowe Nazwisko' },
  'PATCH /api/account': { locale: 'zz' },
  'PATCH /api/agency': { nip: '1' },
  'PATCH /api/insurers/{id}': { name: 'Nowa nazwa' },
  'PUT /api/imports/{id}/mapping': {
    mapping: { columns: { policyNumber: 'Nr polisy', commission: 'Prowizja' } },
  },
  'PUT /api/rules/{id}': { basis: 'agency_commission', rate: '10' },
  'POST /api/periods/{id}/adjustments': {
    collaboratorId: '00000000-0000-4000-8000-000000000000',
    kind: 'bonus',
    amount: 100,
    reason: 'Premia',
  },
  'POST /api/periods/{id}/reopen': { revision: 0, reason: 'Powód ponownego otwarcia okresu' },
  'POST /api/periods/{id}/lock': { revision: 0 },
  'POST /api/periods/{id}/publish': { revision: 0 },
  'POST /api/periods/{id}/close': { revision: 0 },
  'POST /api/statements/{id}/messages': { body: 'Wiadomość' },
  'POST /api/panel/statements/{id}/messages': { body: 'Wiadomość' },
  'POST /api/panel/statements/{id}/accept': { sha256: '0'.repeat(64) },
  'POST /api/panel/statements/{id}/disputes': { reason: 'other', message: 'Zastrzeżenie' },
  'POST /api/statements/{id}/corrections': {
    adjustments: [{ amount: 100, reason: 'Korekta' }],
    resolution: 'Poprawka',
  },
  'POST /api/statements/{id}/disputes/{disputeId}/reject': { resolution: 'Odrzucone' },
  'POST /api/statements/{id}/payment': { paidOn: '2026-12-01' },
  'POST /api/invoices/{id}/void': { reason: 'Zły plik faktury' },
  'POST /api/auth/switch-agency': { agencyId: 'not-a-uuid' },
  'POST /api/account/sessions/revoke-all': { includeCurrent: 'no' },
};

/** Which of agency B's settlement resources an `{id}` of each route family names. */
const settlementKinds: [string, string][] = [
  ['/api/insurers', 'insurer'],
  ['/api/agent-codes', 'agentCode'],
  ['/api/imports', 'import'],
  ['/api/rules', 'rule'],
  ['/api/periods', 'period'],
  ['/api/statements', 'statement'],
  ['/api/panel/statements', 'statement'],
  ['/api/invoices', 'invoice'],
  ['/api/panel/invoices', 'invoice'],
];

/** Agency B's whole settlement cycle up to a disputed, invoiced statement: every kind of id a caller from A tries. */
async function settlementResources(t: TestApp, b: AgencyFixture, janB: CollaboratorFixture) {
  const pzu = await insurerId(b.owner, 'PZU');
  const code = (
    await b.owner.post('/api/agent-codes', {
      insurerId: pzu,
      collaboratorId: janB.collaboratorId,
      code: 'B1',
    })
  ).json<{ id: string }>();
  const rule = (await b.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' })).json<{
    id: string;
  }>();
  const imported = await importStatement(t, b.owner, {
    insurerId: pzu,
    fileName: 'b.csv',
    content: pzuStatement([
      {
        policy: 'B/1',
        holder: 'Klient B',
        product: 'OC',
        premium: '100,00',
        commission: '10,00',
        date: '02.11.2026',
        agent: 'B1',
      },
    ]),
  });
  let period = (await b.owner.post('/api/periods', { month: '2026-11' })).json<{
    id: string;
    revision: number;
  }>();
  const adjustment = (
    await b.owner.post(`/api/periods/${period.id}/adjustments`, {
      collaboratorId: janB.collaboratorId,
      kind: 'bonus',
      amount: 1000,
      reason: 'Premia B',
    })
  ).json<{ id: string }>();
  period = (await b.owner.post(`/api/periods/${period.id}/lock`, { revision: period.revision })).json();
  await t.services.statements.settled(period.id);
  expect(
    (await b.owner.post(`/api/periods/${period.id}/publish`, { revision: period.revision })).status,
  ).toBe(204);
  const [statement] = (await janB.client.get('/api/panel/statements')).json<{ id: string }[]>();
  const dispute = (
    await janB.client.post(`/api/panel/statements/${statement?.id ?? ''}/disputes`, {
      reason: 'other',
      message: 'Pytanie',
    })
  ).json<{ id: string }>();
  const invoiceBody = multipartBody([
    { kind: 'field', name: 'kind', value: 'document' },
    { kind: 'field', name: 'number', value: 'FV/B/1' },
    { kind: 'field', name: 'issueDate', value: '2026-12-01' },
    { kind: 'field', name: 'amount', value: '1500' },
    { kind: 'file', name: 'file', fileName: 'b.pdf', content: samplePdf() },
  ]);
  const invoice =
    // Recorded by the owner: the collaborator's own upload waits for an acceptance, and this one is disputed.
    (
      await b.owner.request('POST', `/api/statements/${statement?.id ?? ''}/invoice`, {
        payload: invoiceBody.payload,
        headers: { 'content-type': invoiceBody.contentType },
      })
    ).json<{ id: string }>();
  return {
    insurer: pzu,
    agentCode: code.id,
    import: imported.id,
    rule: rule.id,
    period: period.id,
    adjustment: adjustment.id,
    statement: statement?.id ?? '',
    dispute: dispute.id,
    invoice: invoice.id,
  };
}

describe('authorization of every route', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let b: AgencyFixture;
  let clients: Record<Caller, TestClient>;
  let jan: CollaboratorFixture;
  let janB: CollaboratorFixture;
  let foreign: Record<string, string>;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t, { name: 'Agencja A' });
    b = await setupAgency(t, { name: 'Agencja B' });
    jan = await createActiveCollaborator(t, a.owner);
    janB = await createActiveCollaborator(t, b.owner);

    // Staff of agency A, fully logged in.
    const staffInvite = await a.owner.post('/api/invitations/staff', {
      fullName: 'Beata Biuro',
      email: 'biuro@agencja-a.pl',
    });
    expect(staffInvite.status).toBe(201);
    const staff = t.client();
    const staffCode = await latestInvitationCode(a.owner, 'biuro@agencja-a.pl');
    expect(
      (
        await staff.post('/api/invitations/accept', {
          email: 'biuro@agencja-a.pl',
          code: staffCode,
          password: collaboratorPassword,
        })
      ).status,
    ).toBe(200);
    const { enrolTotp } = await import('./flows.js');
    await enrolTotp(t, staff);

    // A collaborator of A who accepted the invitation but has no second factor yet.
    const pendingInput = collaboratorInput();
    const created = await a.owner.post('/api/collaborators', pendingInput);
    await a.owner.post(`/api/collaborators/${created.json<{ id: string }>().id}/invitation`);
    const enrolment = t.client();
    const code = await latestInvitationCode(a.owner, pendingInput.email);
    expect(
      (
        await enrolment.post('/api/invitations/accept', {
          email: pendingInput.email,
          code,
          password: collaboratorPassword,
        })
      ).status,
    ).toBe(200);

    // The owner of A with only the password.
    const pending = t.client();
    expect(
      (
        await pending.post('/api/auth/login', {
          email: a.ownerEmail,
          password: 'Zielona-Herbata-Pod-Lipa-2026',
        })
      ).status,
    ).toBe(200);

    clients = { anonymous: t.client(), pending, enrolment, owner: a.owner, staff, collaborator: jan.client };

    // Agency B's resources: every {id} a caller from A tries must be a 404.
    const body = documentUpload(janB.collaboratorId, [{ fileName: 'b.pdf', content: samplePdf() }]);
    const docB = (
      await b.owner.request('POST', '/api/documents', {
        payload: body.payload,
        headers: { 'content-type': body.contentType },
      })
    ).json<{ id: string; files: { id: string }[] }>();
    const inviteB = (
      await b.owner.post('/api/invitations/staff', { fullName: 'Cezary Cudzy', email: 'cudzy@agencja-b.pl' })
    ).json<{ id: string }>();
    const sessionsB = (await janB.client.get('/api/account/sessions')).json<{ id: string }[]>();
    const accountB = (await janB.client.get('/api/account')).json<{ secondFactors: { id: string }[] }>();
    const devicesB = (await janB.client.get('/api/account/devices')).json<{ id: string }[]>();
    const teamB = (await b.owner.get('/api/team')).json<{ membershipId: string }[]>();
    const settlementB = await settlementResources(t, b, janB);
    foreign = {
      ...settlementB,
      collaborator: janB.collaboratorId,
      document: docB.id,
      file: docB.files[0]?.id ?? '',
      invitation: inviteB.id,
      session: sessionsB[0]?.id ?? '',
      factor: accountB.secondFactors[0]?.id ?? '',
      device: devicesB[0]?.id ?? '',
      membership: teamB[0]?.membershipId ?? '',
    };
    for (const [name, id] of Object.entries(foreign)) {
      expect(id, name).toMatch(/^[0-9a-f-]{36}$/);
    }

    const spec = (await t.client().get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  function urlFor(route: string): string {
    const path = route.slice(route.indexOf(' ') + 1);
    const settlementKind = settlementKinds.find(([prefix]) => path.startsWith(prefix))?.[1];
    const kind = settlementKind
      ? settlementKind
      : path.startsWith('/api/collaborators')
        ? 'collaborator'
        : path.includes('/documents')
          ? 'document'
          : path.startsWith('/api/invitations')
            ? 'invitation'
            : path.startsWith('/api/account/sessions')
              ? 'session'
              : path.startsWith('/api/account/second-factors')
                ? 'factor'
                : path.startsWith('/api/account/devices')
                  ? 'device'
                  : 'membership';
    return path
      .replace('{id}', foreign[kind] ?? '')
      .replace('{fileId}', foreign.file ?? '')
      .replace('{adjustmentId}', foreign.adjustment ?? '')
      .replace('{disputeId}', foreign.dispute ?? '');
  }

  it('knows the access rule of every registered route', () => {
    expect([...routes].sort()).toEqual(Object.keys(expected).sort());
  });

  it('refuses every caller the route does not allow, before doing anything', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = expected[route];
      if (!access) {
        continue;
      }
      for (const caller of callers.filter((c) => !allows(access, c))) {
        const method = route.slice(0, route.indexOf(' '));
        const response = await clients[caller].request(
          method,
          urlFor(route),
          method === 'GET' || method === 'DELETE' ? {} : { body: {} },
        );
        const want = refusal(caller, access);
        const code = response.json<{ error?: { code?: string } }>().error?.code;
        if (response.status !== want.status || code !== want.code) {
          failures.push(
            `${route} as ${caller}: ${response.status} ${code ?? ''}, expected ${want.status} ${want.code}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 for another agency's or another collaborator's resources", async () => {
    const failures: string[] = [];
    const idRoutes = routes.filter((route) => route.includes('{id}'));
    expect(idRoutes.length).toBeGreaterThanOrEqual(15);
    for (const route of idRoutes) {
      const access = expected[route];
      if (!access) {
        continue;
      }
      for (const caller of callers.filter((c) => allows(access, c) && c !== 'pending' && c !== 'enrolment')) {
        const method = route.slice(0, route.indexOf(' '));
        const response = await clients[caller].request(
          method,
          urlFor(route),
          method === 'GET' || method === 'DELETE' ? {} : { body: bodies[route] ?? {} },
        );
        if (response.status !== 404) {
          failures.push(`${route} as ${caller}: ${response.status} ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing of agency B changed.
    const docB = await b.owner.get(`/api/documents/${foreign.document ?? ''}`);
    expect(docB.status).toBe(200);
    const collaboratorB = await b.owner.get(`/api/collaborators/${foreign.collaborator ?? ''}`);
    expect(collaboratorB.json<{ fullName: string; status: string }>()).toMatchObject({ status: 'active' });
  });

  it('lets each allowed caller through the access check', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.includes('{id}') && r !== 'POST /api/auth/logout')) {
      const access = expected[route];
      if (!access) {
        continue;
      }
      for (const caller of callers.filter((c) => allows(access, c))) {
        const method = route.slice(0, route.indexOf(' '));
        const response = await clients[caller].request(
          method,
          route.slice(route.indexOf(' ') + 1),
          method === 'GET' ? {} : { body: bodies[route] ?? {} },
        );
        if (response.status === 401 || response.status === 403) {
          failures.push(`${route} as ${caller}: ${response.status} ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses an upload to another agency's collaborator with 404 and stores nothing", async () => {
    const keysBefore: string[] = [];
    for await (const object of t.platform.storage.list('agencies/')) {
      keysBefore.push(object.key);
    }
    const body = documentUpload(janB.collaboratorId, [{ fileName: 'cudzy.pdf', content: samplePdf() }]);
    const response = await a.owner.request('POST', '/api/documents', {
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    const keysAfter: string[] = [];
    for await (const object of t.platform.storage.list('agencies/')) {
      keysAfter.push(object.key);
    }
    expect(keysAfter.sort()).toEqual(keysBefore.sort());
    // B's own: the document sent in beforeAll, the published statement and the invoice its owner recorded;
    // nothing from A.
    expect((await janB.client.get('/api/panel/documents')).json<unknown[]>()).toHaveLength(3);
  });

  it("keeps one collaborator out of another collaborator's documents in the same agency", async () => {
    const body = documentUpload(jan.collaboratorId, [{ fileName: 'jan.pdf', content: samplePdf() }]);
    const doc = (
      await a.owner.request('POST', '/api/documents', {
        payload: body.payload,
        headers: { 'content-type': body.contentType },
      })
    ).json<{ id: string; files: { id: string }[] }>();
    const other = await createActiveCollaborator(t, a.owner);
    expect((await other.client.get(`/api/panel/documents/${doc.id}`)).status).toBe(404);
    expect(
      (await other.client.get(`/api/panel/documents/${doc.id}/files/${doc.files[0]?.id ?? ''}/download`))
        .status,
    ).toBe(404);
    expect((await jan.client.get(`/api/panel/documents/${doc.id}`)).status).toBe(200);
  });
});
