import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboratorInput, setupAgency, type AgencyFixture } from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

type Rule = {
  id: string;
  version: number;
  collaboratorId: string | null;
  collaboratorName: string | null;
  insurerName: string | null;
  basis: string;
  rate: string | null;
  fixedAmount: number | null;
  supersededAt: string | null;
};
type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

describe('splitting rules', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let b: AgencyFixture;
  let janId: string;
  let pzuId: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t, { name: 'Agencja A' });
    b = await setupAgency(t, { name: 'Agencja B' });
    janId = (await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Jan Kowalski' }))).json<{
      id: string;
    }>().id;
    const insurers = (await a.owner.get('/api/insurers')).json<{ id: string; name: string }[]>();
    pzuId = insurers.find((insurer) => insurer.name === 'PZU')?.id ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps agency defaults and collaborator rules, with rates normalised', async () => {
    const fallback = await a.owner.post('/api/rules', { basis: 'agency_commission', rate: '50' });
    expect(fallback.status, fallback.body).toBe(201);
    expect(fallback.json<Rule>()).toMatchObject({
      version: 1,
      collaboratorId: null,
      rate: '50',
      supersededAt: null,
    });

    const own = await a.owner.post('/api/rules', {
      collaboratorId: janId,
      insurerId: pzuId,
      product: 'OC komunikacyjne',
      basis: 'collected_premium',
      rate: '12,5',
      validFrom: '2026-01-01',
    });
    expect(own.status, own.body).toBe(201);
    expect(own.json<Rule>()).toMatchObject({
      collaboratorName: 'Jan Kowalski',
      insurerName: 'PZU',
      basis: 'collected_premium',
      rate: '12.5',
    });
    const fixed = await a.owner.post('/api/rules', {
      collaboratorId: janId,
      insurerId: pzuId,
      policyNumber: 'ab 123',
      basis: 'fixed_per_policy',
      fixedAmount: 15000,
    });
    expect(fixed.json<Rule>()).toMatchObject({ basis: 'fixed_per_policy', fixedAmount: 15000, rate: null });

    const mine = (await a.owner.get(`/api/rules?collaboratorId=${janId}`)).json<Rule[]>();
    expect(mine).toHaveLength(2);
    const defaults = (await a.owner.get('/api/rules?scope=agency')).json<Rule[]>();
    expect(defaults.map((rule) => rule.id)).toEqual([fallback.json<Rule>().id]);
    expect((await b.owner.get('/api/rules')).json<Rule[]>()).toEqual([]);
  });

  it('refuses incomplete or contradictory rules, each with the field to fix', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ basis: 'agency_commission' }, 'rate'],
      [{ basis: 'agency_commission', rate: '100.5' }, 'rate'],
      [{ basis: 'agency_commission', rate: '12.34567' }, 'rate'],
      [{ basis: 'agency_commission', rate: '-1' }, 'rate'],
      [{ basis: 'fixed_per_policy' }, 'fixedAmount'],
      [{ basis: 'agency_commission', rate: '10', validFrom: '2026-05-01', validTo: '2026-04-30' }, 'validTo'],
      [{ basis: 'agency_commission', rate: '10', policyNumber: 'X1' }, 'insurerId'],
    ];
    for (const [body, field] of cases) {
      const response = await a.owner.post('/api/rules', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json<ErrorBody>().error, JSON.stringify(body)).toMatchObject({
        code: 'rule_invalid',
        details: { field },
      });
    }
    const foreignInsurer = (await b.owner.get('/api/insurers')).json<{ id: string }[]>()[0]?.id;
    const foreign = await a.owner.post('/api/rules', {
      basis: 'agency_commission',
      rate: '10',
      insurerId: foreignInsurer,
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses a second rule with the same scope and start date', async () => {
    const first = await a.owner.post('/api/rules', {
      insurerId: pzuId,
      product: 'Życie',
      basis: 'agency_commission',
      rate: '30',
    });
    expect(first.status).toBe(201);
    const twin = await a.owner.post('/api/rules', {
      insurerId: pzuId,
      product: ' życie ',
      basis: 'agency_commission',
      rate: '35',
    });
    expect(twin.status).toBe(409);
    expect(twin.json<ErrorBody>().error).toMatchObject({
      code: 'rule_duplicate',
      details: { ruleId: first.json<Rule>().id },
    });
    // A later start date is how a rate changes from a given day.
    const later = await a.owner.post('/api/rules', {
      insurerId: pzuId,
      product: 'Życie',
      basis: 'agency_commission',
      rate: '35',
      validFrom: '2027-01-01',
    });
    expect(later.status).toBe(201);
  });

  it('versions every change and keeps the history; retiring ends the rule', async () => {
    const created = (
      await a.owner.post('/api/rules', {
        insurerId: pzuId,
        risk: 'M30',
        basis: 'agency_commission',
        rate: '20',
      })
    ).json<Rule>();
    const changed = await a.owner.request('PUT', `/api/rules/${created.id}`, {
      body: { insurerId: pzuId, risk: 'M30', basis: 'agency_commission', rate: '25' },
    });
    expect(changed.status, changed.body).toBe(200);
    expect(changed.json<Rule>()).toMatchObject({
      id: created.id,
      version: 2,
      rate: '25',
      supersededAt: null,
    });

    const versions = (await a.owner.get(`/api/rules/${created.id}/versions`)).json<Rule[]>();
    expect(versions.map((rule) => [rule.version, rule.rate, rule.supersededAt === null])).toEqual([
      [2, '25', true],
      [1, '20', false],
    ]);
    const listed = (await a.owner.get('/api/rules')).json<Rule[]>().filter((rule) => rule.id === created.id);
    expect(listed.map((rule) => rule.version)).toEqual([2]);

    expect(
      (
        await b.owner.request('PUT', `/api/rules/${created.id}`, {
          body: { basis: 'agency_commission', rate: '1' },
        })
      ).status,
    ).toBe(404);
    expect((await b.owner.delete(`/api/rules/${created.id}`)).status).toBe(404);

    expect((await a.owner.delete(`/api/rules/${created.id}`)).status).toBe(204);
    expect((await a.owner.get('/api/rules')).json<Rule[]>().some((rule) => rule.id === created.id)).toBe(
      false,
    );
    expect((await a.owner.delete(`/api/rules/${created.id}`)).status).toBe(404);
    const audit = await a.owner.get('/api/audit?event=rule.changed');
    expect(audit.body).toContain(created.id);
  });
});
