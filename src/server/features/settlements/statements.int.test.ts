import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActiveCollaborator,
  setupAgency,
  type AgencyFixture,
  type CollaboratorFixture,
} from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { importStatement, insurerId, pzuStatement } from '../../../../test/settlements.js';
import { consumeConsoleErrors } from '../../../../test/setup/fail-on-console-error.js';

type Period = { id: string; status: string; revision: number };
type Summary = {
  id: string;
  status: string;
  version: number;
  amountDue: number;
  collaboratorId: string;
  number: string;
};
type Detail = Summary & {
  sha256: string | null;
  files: { id: string; fileName: string }[];
  documentId: string | null;
  acceptance: { method: string | null; sha256: string; ip: string | null } | null;
  disputes: { id: string; status: string; reason: string }[];
  messages: { body: string; fromAgency: boolean }[];
  versions: { version: number; isCurrent: boolean }[];
  diff: {
    amountDueBefore: number;
    amountDueAfter: number;
    changedLines: { before: number; after: number }[];
  } | null;
  perInsurer: { insurerName: string; share: number }[];
};
type Lines = { total: number; lines: { id: string; policyNumber: string; share: number }[] };
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

describe('statements: publish, accept, dispute, correct, pay, close', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let jan: CollaboratorFixture;
  let ewa: CollaboratorFixture;
  let period: Period;

  const refresh = async () => {
    period = (await a.owner.get(`/api/periods/${period.id}`)).json<Period>();
    return period;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t);
    jan = await createActiveCollaborator(t, a.owner, { fullName: 'Jan Kowalski' });
    ewa = await createActiveCollaborator(t, a.owner, { fullName: 'Ewa Nowak' });
    const pzu = await insurerId(a.owner, 'PZU');
    await a.owner.post('/api/agent-codes', {
      insurerId: pzu,
      collaboratorId: jan.collaboratorId,
      code: 'A1',
    });
    await a.owner.post('/api/agent-codes', {
      insurerId: pzu,
      collaboratorId: ewa.collaboratorId,
      code: 'E1',
    });
    await a.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' });
    await importStatement(t, a.owner, {
      insurerId: pzu,
      fileName: 'Raport_prowizji_11.csv',
      content: pzuStatement([
        {
          policy: 'PZU/101',
          holder: 'Adam Nowak',
          product: 'OC',
          premium: '1 000,00',
          commission: '100,00',
          date: '03.11.2026',
          agent: 'A1',
        },
        {
          policy: 'PZU/102',
          holder: 'Beata Lis',
          product: 'AC',
          premium: '2 000,00',
          commission: '200,00',
          date: '04.11.2026',
          agent: 'A1',
        },
        {
          policy: 'PZU/201',
          holder: 'Cezary Mak',
          product: 'Życie',
          premium: '1 000,00',
          commission: '100,00',
          date: '05.11.2026',
          agent: 'E1',
        },
      ]),
    });
    period = (await a.owner.post('/api/periods', { month: '2026-11' })).json<Period>();
    const locked = await a.owner.post(`/api/periods/${period.id}/lock`, { revision: period.revision });
    expect(locked.status, locked.body).toBe(200);
    await t.services.statements.settled(period.id);
    await refresh();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows nothing to collaborators until the one publishing action, then everything at once', async () => {
    const board = (await a.owner.get(`/api/periods/${period.id}/statements`)).json<Summary[]>();
    expect(board.map((row) => [row.status, row.amountDue])).toEqual([
      ['prepared', 5000],
      ['prepared', 15000],
    ]);
    expect((await jan.client.get('/api/panel/statements')).json<Summary[]>()).toEqual([]);
    expect((await jan.client.get(`/api/panel/statements/${board[1]?.id ?? ''}`)).status).toBe(404);

    const stale = await a.owner.post(`/api/periods/${period.id}/publish`, { revision: period.revision - 1 });
    expect(stale.json<ErrorBody>().error.code).toBe('period_conflict');

    // A failure half-way (the second collaborator's notice cannot be written, after every statement was marked
    // published and the first notice queued) leaves the period unpublished: nothing visible, nothing queued.
    const outboxBefore = await t.platform.db.executeSql('select count(*)::int as n from outbox');
    await t.platform.db.executeSql(`
      create sequence publish_failure_seq;
      create function publish_failure() returns trigger language plpgsql security definer as $$
      begin
        if nextval('publish_failure_seq') = 2 then
          raise exception 'simulated crash in the middle of publishing';
        end if;
        return new;
      end $$;
      create trigger publish_failure before insert on outbox for each row execute function publish_failure();`);
    try {
      const failed = await a.owner.post(`/api/periods/${period.id}/publish`, { revision: period.revision });
      expect(failed.status).toBe(500);
      expect(consumeConsoleErrors().join('\n')).toContain('database error');
      // The first notice was written (inside the transaction) before the second failed.
      const reached = await t.platform.db.executeSql('select last_value::int as n from publish_failure_seq');
      expect(reached.rows).toEqual([{ n: 2 }]);
    } finally {
      await t.platform.db.executeSql(`
        drop trigger publish_failure on outbox;
        drop function publish_failure();
        drop sequence publish_failure_seq;`);
    }
    expect(await refresh()).toMatchObject({ status: 'locked' });
    const afterFailure = (await a.owner.get(`/api/periods/${period.id}/statements`)).json<Summary[]>();
    expect(afterFailure.map((row) => row.status)).toEqual(['prepared', 'prepared']);
    expect((await jan.client.get('/api/panel/statements')).json<Summary[]>()).toEqual([]);
    expect(await t.platform.db.executeSql('select count(*)::int as n from outbox')).toMatchObject({
      rows: outboxBefore.rows,
    });
    const published = await a.owner.post(`/api/periods/${period.id}/publish`, { revision: period.revision });
    expect(published.status, published.body).toBe(204);
    await refresh();
    expect(period.status).toBe('published');

    const own = (await jan.client.get('/api/panel/statements')).json<Summary[]>();
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      status: 'published',
      amountDue: 15000,
      collaboratorId: jan.collaboratorId,
    });
    const others = (await ewa.client.get('/api/panel/statements')).json<Summary[]>();
    expect(others.map((row) => row.collaboratorId)).toEqual([ewa.collaboratorId]);
    expect((await ewa.client.get(`/api/panel/statements/${own[0]?.id ?? ''}`)).status).toBe(404);

    const detail = (await jan.client.get(`/api/panel/statements/${own[0]?.id ?? ''}`)).json<Detail>();
    expect(detail.files.map((file) => file.fileName.split('.').pop())).toEqual(['pdf', 'xlsx']);
    expect(detail.perInsurer).toEqual([{ insurerName: 'PZU', lineCount: 2, share: 15000 }]);
    const pdf = await jan.client.get(
      `/api/panel/documents/${detail.documentId ?? ''}/files/${detail.files[0]?.id ?? ''}/download`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const outbox = (await a.owner.get('/api/dev/outbox')).json<
      { to: string; template: string; text: string }[]
    >();
    const notices = outbox.filter((message) => message.template === 'document_waiting');
    expect(notices.length).toBeGreaterThanOrEqual(2);
    for (const notice of notices) {
      expect(notice.text).not.toMatch(/150|PZU|Kowalski|listopad|ROZ\//);
    }
  });

  it('records an acceptance of exactly the version seen, with the second factor used', async () => {
    const ewaStatement = (await ewa.client.get('/api/panel/statements')).json<Summary[]>()[0];
    const detail = (await ewa.client.get(`/api/panel/statements/${ewaStatement?.id ?? ''}`)).json<Detail>();
    const wrong = await ewa.client.post(`/api/panel/statements/${detail.id}/accept`, {
      sha256: '0'.repeat(64),
    });
    expect(wrong.json<ErrorBody>().error.code).toBe('statement_changed');
    const accepted = await ewa.client.post(`/api/panel/statements/${detail.id}/accept`, {
      sha256: detail.sha256,
    });
    expect(accepted.status, accepted.body).toBe(204);
    const seen = (await a.owner.get(`/api/statements/${detail.id}`)).json<Detail>();
    expect(seen.status).toBe('accepted');
    expect(seen.acceptance).toMatchObject({ method: 'totp', sha256: detail.sha256 });
    const again = await ewa.client.post(`/api/panel/statements/${detail.id}/accept`, {
      sha256: detail.sha256,
    });
    expect(again.json<ErrorBody>().error.code).toBe('statement_already_accepted');
  });

  it('takes a dispute on a line, and a correction issues version 2 with its diff; the collaborator accepts again', async () => {
    const statement = (await jan.client.get('/api/panel/statements')).json<Summary[]>()[0];
    const id = statement?.id ?? '';
    const lines = (await jan.client.get(`/api/panel/statements/${id}/lines`)).json<Lines>();
    expect(lines.total).toBe(2);
    const disputed = lines.lines.find((line) => line.policyNumber === 'PZU/102');
    const foreignLine = await jan.client.post(`/api/panel/statements/${id}/disputes`, {
      reason: 'wrong_rate',
      lineIds: ['00000000-0000-4000-8000-000000000000'],
      message: 'Stawka powinna być wyższa',
    });
    expect(foreignLine.json<ErrorBody>().error.code).toBe('validation_failed');
    const dispute = await jan.client.post(`/api/panel/statements/${id}/disputes`, {
      reason: 'wrong_rate',
      lineIds: [disputed?.id],
      message: 'Na tę polisę mam umówione 60%.',
    });
    expect(dispute.status, dispute.body).toBe(201);
    const detail = (await jan.client.get(`/api/panel/statements/${id}`)).json<Detail>();
    expect(detail.status).toBe('disputed');
    const blocked = await jan.client.post(`/api/panel/statements/${id}/accept`, { sha256: detail.sha256 });
    expect(blocked.json<ErrorBody>().error.code).toBe('statement_disputed');

    expect((await a.owner.post(`/api/statements/${id}/messages`, { body: 'Sprawdzamy umowę.' })).status).toBe(
      204,
    );
    const corrected = await a.owner.post(`/api/statements/${id}/corrections`, {
      lines: [{ lineId: disputed?.id, share: 12000, reason: 'Stawka 60% zgodnie z umową' }],
      resolution: 'Poprawiliśmy stawkę na 60%.',
    });
    expect(corrected.status, corrected.body).toBe(201);
    const v2 = corrected.json<Detail>();
    expect(v2).toMatchObject({ version: 2, amountDue: 17000, number: statement?.number });
    expect(v2.diff).toMatchObject({
      amountDueBefore: 15000,
      amountDueAfter: 17000,
      changedLines: [{ before: 10000, after: 12000 }],
    });
    expect(v2.disputes.map((d) => d.status)).toEqual(['corrected']);

    const old = await jan.client.post(`/api/panel/statements/${id}/accept`, { sha256: detail.sha256 });
    expect(old.json<ErrorBody>().error.code).toBe('statement_superseded');
    const current = (await jan.client.get('/api/panel/statements')).json<Summary[]>();
    expect(current.map((row) => [row.id, row.version])).toEqual([[v2.id, 2]]);
    const fresh = (await jan.client.get(`/api/panel/statements/${v2.id}`)).json<Detail>();
    expect(fresh.messages.map((message) => [message.fromAgency, message.body])).toEqual([
      [false, 'Na tę polisę mam umówione 60%.'],
      [true, 'Sprawdzamy umowę.'],
      [true, 'Poprawiliśmy stawkę na 60%.'],
    ]);
    expect(
      (await jan.client.post(`/api/panel/statements/${v2.id}/accept`, { sha256: fresh.sha256 })).status,
    ).toBe(204);
  });

  it('pays, exports the payout list and closes; the closed period is read-only', async () => {
    const board = (await a.owner.get(`/api/periods/${period.id}/statements`)).json<Summary[]>();
    const early = await a.owner.post(`/api/periods/${period.id}/close`, { revision: period.revision });
    expect(early.json<ErrorBody>().error).toMatchObject({
      code: 'period_has_open_statements',
      details: { unpaid: 2 },
    });
    for (const row of board) {
      const paid = await a.owner.post(`/api/statements/${row.id}/payment`, {
        paidOn: '2026-12-10',
        reference: 'PRZELEW/12',
      });
      expect(paid.status, paid.body).toBe(204);
    }
    const twice = await a.owner.post(`/api/statements/${board[0]?.id ?? ''}/payment`, {
      paidOn: '2026-12-10',
    });
    expect(twice.json<ErrorBody>().error.code).toBe('statement_paid');

    const csv = await a.owner.get(`/api/periods/${period.id}/payouts?format=csv`);
    expect(csv.status).toBe(200);
    const text = csv.rawPayload.toString('utf8');
    expect(text).toContain('Jan Kowalski');
    expect(text).toContain('170,00');
    const xlsx = await a.owner.get(`/api/periods/${period.id}/payouts?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    await refresh();
    const closed = await a.owner.post(`/api/periods/${period.id}/close`, { revision: period.revision });
    expect(closed.status, closed.body).toBe(204);
    const id = (await jan.client.get('/api/panel/statements')).json<Summary[]>()[0]?.id ?? '';
    const message = await jan.client.post(`/api/panel/statements/${id}/messages`, { body: 'Dziękuję' });
    expect(message.json<ErrorBody>().error.code).toBe('period_closed');
    const dispute = await jan.client.post(`/api/panel/statements/${id}/disputes`, {
      reason: 'other',
      message: 'Jeszcze jedno',
    });
    expect(dispute.json<ErrorBody>().error.code).toBe('period_closed');
  });

  it('reports settled commission per month and insurer, and each collaborator their own earnings', async () => {
    const report = (await a.owner.get('/api/reports/commission?from=2026-11&to=2026-11')).json<{
      cells: { month: string; insurerName: string; commission: number; share: number; retained: number }[];
    }>();
    expect(report.cells).toEqual([
      expect.objectContaining({
        month: '2026-11',
        insurerName: 'PZU',
        commission: 40000,
        share: 22000,
        retained: 18000,
      }),
    ]);
    const earnings = (await jan.client.get('/api/panel/earnings?from=2026-11&to=2026-12')).json<{
      cells: { month: string; insurerName: string; share: number }[];
      paid: { month: string; amount: number }[];
    }>();
    expect(earnings.cells).toEqual([
      expect.objectContaining({ month: '2026-11', insurerName: 'PZU', share: 17000 }),
    ]);
    expect(earnings.paid).toEqual([{ month: '2026-12', amount: 17000 }]);
    expect((await jan.client.get('/api/reports/commission')).status).toBe(403);
  });

  it('lets one of two simultaneous publications win, and numbers statements without gaps', async () => {
    let december = (await a.owner.post('/api/periods', { month: '2026-12' })).json<Period>();
    await a.owner.post(`/api/periods/${december.id}/adjustments`, {
      collaboratorId: jan.collaboratorId,
      kind: 'bonus',
      amount: 20000,
      reason: 'Premia roczna',
    });
    await a.owner.post(`/api/periods/${december.id}/adjustments`, {
      collaboratorId: ewa.collaboratorId,
      kind: 'bonus',
      amount: 20000,
      reason: 'Premia roczna',
    });
    december = (
      await a.owner.post(`/api/periods/${december.id}/lock`, { revision: december.revision })
    ).json<Period>();
    await t.services.statements.settled(december.id);
    const results = await Promise.all([
      a.owner.post(`/api/periods/${december.id}/publish`, { revision: december.revision }),
      a.owner.post(`/api/periods/${december.id}/publish`, { revision: december.revision }),
    ]);
    expect(results.map((response) => response.status).sort()).toEqual([204, 409]);
    expect(results.find((response) => response.status === 409)?.json<ErrorBody>().error.code).toBe(
      'period_conflict',
    );
    const numbers = (await a.owner.get(`/api/periods/${december.id}/statements`))
      .json<Summary[]>()
      .map((row) => row.number);
    // November used ROZ/2026/00001–00002 (its correction kept its number); December continues the series.
    expect(numbers.sort()).toEqual(['ROZ/2026/00003', 'ROZ/2026/00004']);
  });
});
