import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboratorInput, setupAgency, type AgencyFixture } from '../../../../test/flows.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';

type Insurer = {
  id: string;
  name: string;
  isArchived: boolean;
  agentCodeCount: number;
  hasTemplate: boolean;
};
type AgentCode = {
  id: string;
  insurerId: string;
  collaboratorId: string;
  collaboratorName: string;
  code: string;
};

describe('insurers and agent codes', () => {
  let t: TestApp;
  let a: AgencyFixture;
  let b: AgencyFixture;
  let janId: string;
  let ewaId: string;

  async function insurerNamed(agency: AgencyFixture, name: string): Promise<Insurer> {
    const list = (await agency.owner.get('/api/insurers')).json<Insurer[]>();
    const insurer = list.find((candidate) => candidate.name === name);
    expect(insurer, name).toBeDefined();
    return insurer as Insurer;
  }

  beforeAll(async () => {
    t = await createTestApp();
    a = await setupAgency(t, { name: 'Agencja A' });
    b = await setupAgency(t, { name: 'Agencja B' });
    janId = (await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Jan Kowalski' }))).json<{
      id: string;
    }>().id;
    ewaId = (await a.owner.post('/api/collaborators', collaboratorInput({ fullName: 'Ewa Nowak' }))).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts every agency with the common Polish insurers', async () => {
    const names = (await a.owner.get('/api/insurers')).json<Insurer[]>().map((insurer) => insurer.name);
    expect(names).toEqual(
      [
        'Allianz',
        'Compensa',
        'ERGO Hestia',
        'Generali',
        'InterRisk',
        'Link4',
        'Proama',
        'PZU',
        'TUZ',
        'Uniqa',
        'Warta',
        'Wiener',
      ].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())),
    );
    const otherIds = (await b.owner.get('/api/insurers')).json<Insurer[]>().map((insurer) => insurer.id);
    const ownIds = (await a.owner.get('/api/insurers')).json<Insurer[]>().map((insurer) => insurer.id);
    expect(otherIds.filter((id) => ownIds.includes(id))).toEqual([]);
  });

  it('adds, renames and archives insurers, refusing a duplicate name in any case', async () => {
    const created = await a.owner.post('/api/insurers', { name: 'Saltus' });
    expect(created.status, created.body).toBe(201);
    const saltus = created.json<Insurer>();
    expect(saltus).toMatchObject({
      name: 'Saltus',
      isArchived: false,
      agentCodeCount: 0,
      hasTemplate: false,
    });

    const duplicate = await a.owner.post('/api/insurers', { name: 'pzu' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json<{ error: { code: string } }>().error.code).toBe('insurer_name_taken');
    // Another agency may use the same name.
    expect((await b.owner.post('/api/insurers', { name: 'Saltus' })).status).toBe(201);

    const renamed = await a.owner.patch(`/api/insurers/${saltus.id}`, { name: 'Saltus TU Życie' });
    expect(renamed.json<Insurer>().name).toBe('Saltus TU Życie');
    const archived = await a.owner.patch(`/api/insurers/${saltus.id}`, { isArchived: true });
    expect(archived.json<Insurer>().isArchived).toBe(true);

    const code = await a.owner.post('/api/agent-codes', {
      insurerId: saltus.id,
      collaboratorId: janId,
      code: 'S1',
    });
    expect(code.status).toBe(409);
    expect(code.json<{ error: { code: string } }>().error.code).toBe('insurer_archived');

    const audit = await a.owner.get('/api/audit?event=insurer.updated');
    expect(audit.status).toBe(200);
    expect(audit.body).toContain(saltus.id);
  });

  it('assigns agent codes per insurer, normalised, one collaborator per code', async () => {
    const warta = await insurerNamed(a, 'Warta');
    const pzu = await insurerNamed(a, 'PZU');
    const assigned = await a.owner.post('/api/agent-codes', {
      insurerId: warta.id,
      collaboratorId: janId,
      code: ' ab 12/3 ',
    });
    expect(assigned.status, assigned.body).toBe(201);
    expect(assigned.json<AgentCode>()).toMatchObject({ code: 'AB12/3', collaboratorName: 'Jan Kowalski' });

    const taken = await a.owner.post('/api/agent-codes', {
      insurerId: warta.id,
      collaboratorId: ewaId,
      code: 'Ab12/3',
    });
    expect(taken.status).toBe(409);
    expect(taken.json<{ error: { code: string } }>().error.code).toBe('agent_code_taken');

    // The same code at another insurer is another agent.
    expect(
      (await a.owner.post('/api/agent-codes', { insurerId: pzu.id, collaboratorId: ewaId, code: 'AB12/3' }))
        .status,
    ).toBe(201);

    const invalid = await a.owner.post('/api/agent-codes', {
      insurerId: pzu.id,
      collaboratorId: ewaId,
      code: 'a;b',
    });
    expect(invalid.json<{ error: { code: string } }>().error.code).toBe('agent_code_invalid');

    const forJan = (await a.owner.get(`/api/agent-codes?collaboratorId=${janId}`)).json<AgentCode[]>();
    expect(forJan.map((code) => [code.insurerId, code.code])).toEqual([[warta.id, 'AB12/3']]);
    expect((await insurerNamed(a, 'Warta')).agentCodeCount).toBe(1);

    const removed = await a.owner.delete(`/api/agent-codes/${assigned.json<AgentCode>().id}`);
    expect(removed.status).toBe(204);
    expect((await a.owner.get(`/api/agent-codes?collaboratorId=${janId}`)).json<AgentCode[]>()).toEqual([]);
  });

  it("keeps another agency's insurers, collaborators and codes out of reach", async () => {
    const foreignInsurer = await insurerNamed(b, 'PZU');
    const attempt = await a.owner.post('/api/agent-codes', {
      insurerId: foreignInsurer.id,
      collaboratorId: janId,
      code: 'X1',
    });
    expect(attempt.status).toBe(404);
    const ownInsurer = await insurerNamed(a, 'Uniqa');
    const foreignCollaborator = (await b.owner.post('/api/collaborators', collaboratorInput())).json<{
      id: string;
    }>();
    const second = await a.owner.post('/api/agent-codes', {
      insurerId: ownInsurer.id,
      collaboratorId: foreignCollaborator.id,
      code: 'X1',
    });
    expect(second.status).toBe(404);
    expect((await b.owner.patch(`/api/insurers/${ownInsurer.id}`, { name: 'Przejęte' })).status).toBe(404);
    const codeOfA = (await a.owner.get('/api/agent-codes')).json<AgentCode[]>()[0];
    expect(codeOfA).toBeDefined();
    expect((await b.owner.delete(`/api/agent-codes/${codeOfA?.id ?? ''}`)).status).toBe(404);
  });
});
