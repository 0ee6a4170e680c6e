import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.js';
import { collaboratorInput, setupAgency, type AgencyFixture } from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { importStatement, insurerId, pzuStatement } from '../../../../test/settlements.js';

type Period = { id: string; status: string; revision: number; reopenCount: number; statementCount: number };
type Balance = {
  collaboratorId: string;
  lineCount: number;
  commission: number;
  share: number;
  retained: number;
  adjustments: number;
  openingBalance: number;
  closingBalance: number;
  amountDue: number;
  carriedForward: number;
};
type Settlement = {
  period: Period;
  totals: {
    lineCount: number;
    commission: number;
    share: number;
    retained: number;
    agencyOwn: number;
    problemCommission: number;
    adjustments: number;
    amountDue: number;
  };
  collaborators: Balance[];
  insurers: { insurerName: string; commission: number; share: number; retained: number }[];
  problems: { problem: string; lineCount: number; commission: number }[];
};
type Line = {
  policyNumber: string;
  share: number | null;
  rate: string | null;
  ruleVersion: number | null;
  appliedOn: string | null;
  clawbackOf: string | null;
  problem: string | null;
  fileName: string;
  rowNumber: number;
};
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

describe('settlement periods', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let janId: string;
  let ewaId: string;
  let pzu: string;
  let november: Period;

  const balanceOf = (settlement: Settlement, id: string) =>
    settlement.collaborators.find((c) => c.collaboratorId === id);

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t);
    janId = (await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Jan Kowalski' }))).json<{
      id: string;
    }>().id;
    ewaId = (await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Ewa Nowak' }))).json<{
      id: string;
    }>().id;
    pzu = await insurerId(a.owner, 'PZU');
    expect(
      (await a.owner.post('/api/agent-codes', { insurerId: pzu, collaboratorId: janId, code: 'A1' })).status,
    ).toBe(201);
    expect((await a.owner.patch('/api/agency', { minimumPayout: 5000 })).status).toBe(200);
    expect((await a.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' })).status).toBe(201);
    expect(
      (
        await a.owner.post('/api/rules', {
          collaboratorId: janId,
          insurerId: pzu,
          basis: 'agency_commission',
          rate: '60',
        })
      ).status,
    ).toBe(201);
    await importStatement(t, a.owner, {
      insurerId: pzu,
      fileName: 'Raport_prowizji_2026_11.csv',
      content: pzuStatement([
        {
          policy: 'PZU/001',
          holder: 'Adam Nowak',
          product: 'OC komunikacyjne',
          premium: '1 234,56',
          commission: '123,45',
          date: '05.11.2026',
          agent: 'A1',
        },
        {
          policy: 'PZU/002',
          holder: 'Anna Lis',
          product: 'Życie',
          premium: '2.000,00',
          commission: '300,00',
          date: '10.11.2026',
          agent: 'A1',
        },
        {
          policy: 'PZU/003',
          holder: 'Piotr Zając',
          product: 'OC komunikacyjne',
          premium: '800,00',
          commission: '80,01',
          date: '12.11.2026',
          agent: 'X9',
        },
        {
          policy: 'PZU/001',
          holder: 'Adam Nowak',
          product: 'OC komunikacyjne',
          premium: '-1 234,56',
          commission: '-123,45',
          date: '20.11.2026',
          agent: 'A1',
          type: 'Storno',
        },
      ]),
    });
    november = (await a.owner.post('/api/periods', { month: '2026-11' })).json<Period>();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses overlapping periods and a range that ends before it starts', async () => {
    const overlap = await a.owner.post('/api/periods', { dateFrom: '2026-11-15', dateTo: '2026-12-15' });
    expect(overlap.status).toBe(409);
    expect(overlap.json<ErrorBody>().error).toMatchObject({
      code: 'period_overlap',
      details: { periodId: november.id },
    });
    const backwards = await a.owner.post('/api/periods', { dateFrom: '2026-10-31', dateTo: '2026-10-01' });
    expect(backwards.json<ErrorBody>().error.code).toBe('validation_failed');
  });

  it('previews every line with its rule and names the lines it cannot settle', async () => {
    const preview = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(preview.problems).toEqual([{ problem: 'unattributed', lineCount: 1, commission: 8001 }]);
    expect(preview.totals).toMatchObject({
      lineCount: 4,
      commission: 38001,
      share: 18000,
      problemCommission: 8001,
    });
    expect(preview.totals.share + preview.totals.retained + preview.totals.problemCommission).toBe(
      preview.totals.commission,
    );

    const lines = (await a.owner.get(`/api/periods/${november.id}/lines?collaboratorId=${janId}`)).json<{
      total: number;
      lines: Line[];
    }>();
    expect(lines.total).toBe(3);
    const storno = lines.lines.find((line) => (line.share ?? 0) < 0);
    expect(storno).toMatchObject({
      share: -7407,
      rate: '60',
      appliedOn: '2026-11-05',
      fileName: 'Raport_prowizji_2026_11.csv',
      rowNumber: 8,
    });
    expect(storno?.clawbackOf).not.toBeNull();

    const [imported] = (await a.owner.get('/api/imports?status=committed')).json<{ id: string }[]>();
    const provisional = (await a.owner.get(`/api/imports/${imported?.id ?? ''}/reconciliation`)).json<{
      commission: number;
      shares: number;
      retained: number;
      unresolved: number;
    }>();
    expect(provisional).toMatchObject({ commission: 38001, shares: 18000, unresolved: 8001 });
    expect(provisional.shares + provisional.retained + provisional.unresolved).toBe(provisional.commission);

    const locked = await a.owner.post(`/api/periods/${november.id}/lock`, { revision: november.revision });
    expect(locked.status).toBe(409);
    expect(locked.json<ErrorBody>().error.code).toBe('period_has_problems');
  });

  it('settles exactly once the unmatched code is assigned, with adjustments and the minimum payout', async () => {
    const assigned = await a.owner.post('/api/imports/assignments', {
      insurerId: pzu,
      agentCode: 'x9',
      target: { collaboratorId: ewaId },
    });
    expect(assigned.status, assigned.body).toBe(200);
    expect(assigned.json()).toEqual({ assigned: 1 });
    const codes = (await a.owner.get(`/api/agent-codes?collaboratorId=${ewaId}`)).json<{ code: string }[]>();
    expect(codes.map((code) => code.code)).toEqual(['X9']);

    const wrongSign = await a.owner.post(`/api/periods/${november.id}/adjustments`, {
      collaboratorId: janId,
      kind: 'deduction',
      amount: 500,
      reason: 'Potrącenie za materiały',
    });
    expect(wrongSign.json<ErrorBody>().error.code).toBe('adjustment_invalid');
    const bonus = await a.owner.post(`/api/periods/${november.id}/adjustments`, {
      collaboratorId: janId,
      kind: 'bonus',
      amount: 10000,
      reason: 'Premia za wynik kwartalny',
    });
    expect(bonus.status, bonus.body).toBe(201);
    const audited = (await a.owner.get('/api/audit?event=period.adjustment_added')).json<{
      events: { details: Record<string, unknown> }[];
    }>();
    expect(audited.events[0]?.details).toMatchObject({
      collaboratorId: janId,
      kind: 'bonus',
      amount: 10000,
      reason: 'Premia za wynik kwartalny',
    });

    const preview = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(preview.problems).toEqual([]);
    expect(preview.totals).toMatchObject({
      commission: 38001,
      share: 22001,
      retained: 16000,
      adjustments: 10000,
      amountDue: 28000,
    });
    expect(balanceOf(preview, janId)).toMatchObject({
      lineCount: 3,
      share: 18000,
      adjustments: 10000,
      closingBalance: 28000,
      amountDue: 28000,
      carriedForward: 0,
    });
    // 80,01 zł × 50 % = 40,005 zł: half away from zero gives 40,01 zł; below the 50 zł minimum, it carries forward.
    expect(balanceOf(preview, ewaId)).toMatchObject({
      share: 4001,
      retained: 4000,
      amountDue: 0,
      carriedForward: 4001,
    });
    const insurerTotals = preview.insurers.find((row) => row.insurerName === 'PZU');
    expect(insurerTotals).toMatchObject({ commission: 38001, share: 22001, retained: 16000 });
  });

  it('lets exactly one of two simultaneous locks win, and the statements keep what the preview showed', async () => {
    const preview = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    const current = (await a.owner.get(`/api/periods/${november.id}`)).json<Period>();
    const results = await Promise.all([
      a.owner.post(`/api/periods/${november.id}/lock`, { revision: current.revision }),
      a.owner.post(`/api/periods/${november.id}/lock`, { revision: current.revision }),
    ]);
    const statuses = results.map((response) => response.status).sort();
    expect(statuses, results.map((response) => response.body).join(' | ')).toEqual([200, 409]);
    const loser = results.find((response) => response.status === 409);
    expect(loser?.json<ErrorBody>().error.code).toBe('period_conflict');

    const locked = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(locked.period).toMatchObject({ status: 'locked', statementCount: 2 });
    expect(locked.totals).toEqual({ ...preview.totals, lineCount: 4 });
    expect(locked.collaborators).toEqual(preview.collaborators);

    const [committed] = (await a.owner.get('/api/imports?status=committed')).json<{ id: string }[]>();
    const reconciliation = (await a.owner.get(`/api/imports/${committed?.id ?? ''}/reconciliation`)).json<{
      commission: number;
      shares: number;
      retained: number;
      unresolved: number;
      settled: { lineCount: number; share: number };
      provisional: { lineCount: number };
    }>();
    expect(reconciliation).toMatchObject({
      commission: 38001,
      shares: 22001,
      retained: 16000,
      unresolved: 0,
    });
    expect(reconciliation.settled.lineCount).toBe(4);
    expect(reconciliation.provisional.lineCount).toBe(0);

    const change = await a.owner.post(`/api/periods/${november.id}/adjustments`, {
      collaboratorId: janId,
      kind: 'bonus',
      amount: 100,
      reason: 'Za późno',
    });
    expect(change.json<ErrorBody>().error.code).toBe('period_not_open');
  });

  it('keeps a locked period as it was when a rule changes, and carries balances into the next period', async () => {
    const rules = (await a.owner.get('/api/rules?scope=agency')).json<{ id: string }[]>();
    const changed = await a.owner.request('PUT', `/api/rules/${rules[0]?.id ?? ''}`, {
      body: { basis: 'agency_commission', rate: '10' },
    });
    expect(changed.status).toBe(200);
    const locked = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(balanceOf(locked, ewaId)).toMatchObject({ share: 4001 });

    const december = (await a.owner.post('/api/periods', { month: '2026-12' })).json<Period>();
    await a.owner.post(`/api/periods/${december.id}/adjustments`, {
      collaboratorId: ewaId,
      kind: 'bonus',
      amount: 1000,
      reason: 'Premia grudniowa',
    });
    const next = (await a.owner.get(`/api/periods/${december.id}/settlement`)).json<Settlement>();
    expect(balanceOf(next, ewaId)).toMatchObject({
      openingBalance: 4001,
      adjustments: 1000,
      closingBalance: 5001,
      amountDue: 5001,
    });
    expect(next.totals.lineCount).toBe(0);

    // December's storno of a line November settled takes back what the version then in force paid (50 %), not
    // what the rule says today (10 %).
    await importStatement(t, a.owner, {
      insurerId: pzu,
      fileName: 'Raport_prowizji_2026_12.csv',
      content: pzuStatement([
        {
          policy: 'PZU/003',
          holder: 'Piotr Zając',
          product: 'OC komunikacyjne',
          premium: '-800,00',
          commission: '-80,01',
          date: '05.12.2026',
          agent: 'X9',
          type: 'Storno',
        },
      ]),
    });
    const withStorno = (await a.owner.get(`/api/periods/${december.id}/settlement`)).json<Settlement>();
    expect(balanceOf(withStorno, ewaId)).toMatchObject({ share: -4001, closingBalance: 1000 });
  });

  it('reopens only for the owner, with a reason, and leaves a permanent mark', async () => {
    const staff = t.client();
    expect(
      (await staff.post(`/api/periods/${november.id}/reopen`, { revision: 0, reason: 'x' })).status,
    ).toBe(401);
    const current = (await a.owner.get(`/api/periods/${november.id}`)).json<Period>();
    const short = await a.owner.post(`/api/periods/${november.id}/reopen`, {
      revision: current.revision,
      reason: 'bo tak',
    });
    expect(short.json<ErrorBody>().error.code).toBe('validation_failed');
    const reopened = await a.owner.post(`/api/periods/${november.id}/reopen`, {
      revision: current.revision,
      reason: 'Błędna stawka w regule domyślnej',
    });
    expect(reopened.status, reopened.body).toBe(200);
    expect(reopened.json<Period>()).toMatchObject({ status: 'open', reopenCount: 1, statementCount: 0 });

    // Recomputed with today's rules: the default is now 10 %.
    const preview = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(balanceOf(preview, ewaId)).toMatchObject({ share: 800 });
    const relocked = await a.owner.post(`/api/periods/${november.id}/lock`, {
      revision: reopened.json<Period>().revision,
    });
    expect(relocked.status, relocked.body).toBe(200);
    const audit = await a.owner.get('/api/audit?event=period.reopened');
    expect(audit.body).toContain(november.id);
    expect(audit.body).toContain('Błędna stawka w regule domyślnej');
  });

  it('locks periods in date order and reopens only the latest locked one', async () => {
    const january = (await a.owner.post('/api/periods', { month: '2027-01' })).json<Period>();
    const periods = (await a.owner.get('/api/periods')).json<(Period & { dateFrom: string })[]>();
    const december = periods.find((period) => period.dateFrom === '2026-12-01');
    expect(december?.status).toBe('open');

    const early = await a.owner.post(`/api/periods/${january.id}/lock`, { revision: january.revision });
    expect(early.status).toBe(409);
    expect(early.json<ErrorBody>().error).toMatchObject({
      code: 'earlier_period_open',
      details: { periodId: december?.id },
    });
    expect((await a.owner.get(`/api/periods/${january.id}`)).json<Period>()).toMatchObject({
      status: 'open',
      statementCount: 0,
    });

    const lockedDecember = await a.owner.post(`/api/periods/${december?.id ?? ''}/lock`, {
      revision: december?.revision,
    });
    expect(lockedDecember.status, lockedDecember.body).toBe(200);
    const current = (await a.owner.get(`/api/periods/${november.id}`)).json<Period>();
    expect(current.status).toBe('locked');
    const reopen = await a.owner.post(`/api/periods/${november.id}/reopen`, {
      revision: current.revision,
      reason: 'Korekta po zamknięciu grudnia',
    });
    expect(reopen.status).toBe(409);
    expect(reopen.json<ErrorBody>().error).toMatchObject({
      code: 'later_period_locked',
      details: { periodId: december?.id },
    });
    expect((await a.owner.get(`/api/periods/${november.id}`)).json<Period>()).toMatchObject({
      status: 'locked',
      revision: current.revision,
    });

    // December settled every unsettled line up to its end: a period before it can no longer be made, nor locked
    // (one left from before this rule, written straight into the database here).
    const october = await a.owner.post('/api/periods', { month: '2026-10' });
    expect(october.status).toBe(409);
    expect(october.json<ErrorBody>().error).toMatchObject({
      code: 'later_period_settled',
      details: { periodId: november.id },
    });
    const octoberId = randomUUID();
    await t.platform.db.system((tx) =>
      tx.execute(sql`insert into settlement_periods (id, agency_id, date_from, date_to, status, created_by)
        select ${octoberId}, agency_id, '2026-10-01', '2026-10-31', 'open', created_by
        from settlement_periods where id = ${november.id}`),
    );
    const lateLock = await a.owner.post(`/api/periods/${octoberId}/lock`, { revision: 0 });
    expect(lateLock.status).toBe(409);
    expect(lateLock.json<ErrorBody>().error.code).toBe('later_period_settled');
    expect((await a.owner.get(`/api/periods/${octoberId}`)).json<Period>()).toMatchObject({
      status: 'open',
      statementCount: 0,
    });
  });
  it("refuses, in the database, a line whose agency, insurer or collaborator is not its parent's", async () => {
    const db = t.platform.db;
    const [line] = await db.system((tx) =>
      queryRows<{ id: string; statement_id: string; collaborator_id: string }>(
        tx,
        sql`select id, statement_id, collaborator_id from statement_lines limit 1`,
      ),
    );
    expect(line).toBeDefined();
    const otherPerson = line?.collaborator_id === janId ? ewaId : janId;
    await expect(
      db.system((tx) =>
        tx.execute(sql`insert into statement_lines (id, agency_id, statement_id, collaborator_id,
            commission_line_id, share, applied_on)
          select gen_random_uuid(), agency_id, statement_id, ${otherPerson}, commission_line_id, 1, applied_on
          from statement_lines where id = ${line?.id ?? ''}`),
      ),
    ).rejects.toMatchObject({ cause: { code: '23503' } });
    await expect(
      db.system((tx) =>
        tx.execute(sql`insert into statement_lines (id, agency_id, statement_id, collaborator_id,
            commission_line_id, share, applied_on)
          select gen_random_uuid(), ${randomUUID()}, statement_id, collaborator_id, commission_line_id, 1,
            applied_on
          from statement_lines where id = ${line?.id ?? ''}`),
      ),
    ).rejects.toMatchObject({ cause: { code: '23503' } });
    const warta = await insurerId(a.owner, 'Warta');
    await expect(
      db.system((tx) =>
        tx.execute(sql`insert into commission_lines (id, agency_id, import_id, insurer_id, row_number,
            policy_number, policy_key, commission, line_date, line_type)
          select gen_random_uuid(), agency_id, import_id, ${warta}, 9999, policy_number, policy_key, 1,
            line_date, line_type
          from commission_lines limit 1`),
      ),
    ).rejects.toMatchObject({ cause: { code: '23503' } });
  });
});

describe("balances that carry: the agency's own sales and a negative balance", () => {
  let t: TestApp;
  let a: AgencyFixture;

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps the agency's own sales whole and carries a negative balance into the next period", async () => {
    const jan = (
      await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Jan Zaliczka' }))
    ).json<{
      id: string;
    }>().id;
    const pzu = await insurerId(a.owner, 'PZU');
    await a.owner.post('/api/agent-codes', { insurerId: pzu, collaboratorId: jan, code: 'J1' });
    await a.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' });
    await importStatement(t, a.owner, {
      insurerId: pzu,
      fileName: 'Raport_prowizji_2026_10.csv',
      content: pzuStatement([
        {
          policy: 'PZU/501',
          holder: 'Klient',
          product: 'OC',
          premium: '1 000,00',
          commission: '100,00',
          date: '02.10.2026',
          agent: 'J1',
        },
        {
          policy: 'PZU/502',
          holder: 'Klient',
          product: 'AC',
          premium: '400,00',
          commission: '40,00',
          date: '03.10.2026',
          agent: 'BIURO',
        },
      ]),
    });
    const own = await a.owner.post('/api/imports/assignments', {
      insurerId: pzu,
      agentCode: 'BIURO',
      target: { agency: true },
    });
    expect(own.json()).toEqual({ assigned: 1 });

    const october = (await a.owner.post('/api/periods', { month: '2026-10' })).json<Period>();
    const advance = await a.owner.post(`/api/periods/${october.id}/adjustments`, {
      collaboratorId: jan,
      kind: 'advance',
      amount: -8000,
      reason: 'Zaliczka wypłacona we wrześniu',
    });
    expect(advance.status, advance.body).toBe(201);
    const preview = (await a.owner.get(`/api/periods/${october.id}/settlement`)).json<Settlement>();
    expect(preview.totals).toMatchObject({
      commission: 14000,
      share: 5000,
      retained: 9000,
      agencyOwn: 4000,
      problemCommission: 0,
      adjustments: -8000,
      amountDue: 0,
    });
    expect(preview.collaborators.find((row) => row.collaboratorId === jan)).toMatchObject({
      share: 5000,
      adjustments: -8000,
      closingBalance: -3000,
      amountDue: 0,
      carriedForward: -3000,
    });
    const locked = await a.owner.post(`/api/periods/${october.id}/lock`, { revision: october.revision });
    expect(locked.status, locked.body).toBe(200);

    const november = (await a.owner.post('/api/periods', { month: '2026-11' })).json<Period>();
    const next = (await a.owner.get(`/api/periods/${november.id}/settlement`)).json<Settlement>();
    expect(next.collaborators.find((row) => row.collaboratorId === jan)).toMatchObject({
      openingBalance: -3000,
      share: 0,
      closingBalance: -3000,
      amountDue: 0,
      carriedForward: -3000,
    });
  });
});
