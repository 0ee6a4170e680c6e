import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../src/shared/money.js';
import { collaboratorInput, setupAgency } from './flows.js';
import { createTestApp, type TestApp } from './harness.js';
import { importStatement, insurerId } from './settlements.js';

type Settlement = {
  totals: {
    commission: number;
    share: number;
    retained: number;
    problemCommission: number;
    agencyOwn: number;
  };
  collaborators: { share: number; commission: number; retained: number }[];
};
type Line = {
  lineId: string;
  policyNumber: string;
  lineDate: string;
  commission: number;
  share: number | null;
};

const lineArbitrary = fc.record({
  agent: fc.constantFrom('A1', 'A2', 'A3'),
  commission: fc.integer({ min: 1, max: 5_000_00 }),
  premium: fc.integer({ min: 1, max: 50_000_00 }),
  product: fc.constantFrom('OC', 'AC', 'Życie'),
  day: fc.integer({ min: 1, max: 20 }),
  reversed: fc.boolean(),
  // Insurers often leave the agent code off a storno: it is then its original's collaborator's.
  stornoWithoutCode: fc.boolean(),
});

const ruleArbitrary = fc.record({
  agent: fc.constantFrom('A1', 'A2', 'A3', null),
  basis: fc.constantFrom('agency_commission', 'collected_premium', 'written_premium'),
  rate: fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => {
    const whole = Math.floor(tenThousandths / 10_000);
    const fraction = String(tenThousandths % 10_000)
      .padStart(4, '0')
      .replace(/0+$/, '');
    return fraction ? `${whole},${fraction}` : String(whole);
  }),
  product: fc.constantFrom('OC', 'AC', 'Życie', null),
});

/**
 * Through the whole stack (CSV file, parser, database, engine, API), for random statements and rules: the period
 * and the import reconcile to the grosz, and a storno takes back exactly the share of the line it mirrors.
 */
describe('settlement properties, end to end', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reconciles every import and period exactly, and mirrors every storno', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 25 }),
        fc.array(ruleArbitrary, { minLength: 0, maxLength: 6 }),
        async (lines, rules) => {
          run++;
          const agency = await setupAgency(t, {
            name: `Agencja ${run}`,
            email: `wlasciciel.prop${run}@agencja-test.pl`,
          });
          const pzu = await insurerId(agency.owner, 'PZU');
          const ids = new Map<string, string>();
          for (const agent of ['A1', 'A2', 'A3']) {
            const id = (await agency.owner.post('/api/collaborators', collaboratorInput())).json<{
              id: string;
            }>().id;
            ids.set(agent, id);
            await agency.owner.post('/api/agent-codes', { insurerId: pzu, collaboratorId: id, code: agent });
          }
          await agency.owner.post('/api/rules', { basis: 'agency_commission', rate: '40' });
          for (const rule of rules) {
            // A rule identical to an earlier one is refused (rule_duplicate); that is fine here.
            await agency.owner.post('/api/rules', {
              basis: rule.basis,
              rate: rule.rate,
              product: rule.product,
              collaboratorId: rule.agent ? ids.get(rule.agent) : null,
              insurerId: pzu,
            });
          }
          const rows: string[] = ['Nr polisy;Produkt;Składka;Inkaso;Prowizja;Data;Kod agenta;Typ'];
          lines.forEach((line, index) => {
            const day = String(line.day).padStart(2, '0');
            const cells = (sign: string, dayOfMonth: string, type: string, agent: string) =>
              [
                `POL/${run}/${index}`,
                line.product,
                `${sign}${formatAmount(line.premium, { currency: false })}`,
                `${sign}${formatAmount(line.premium, { currency: false })}`,
                `${sign}${formatAmount(line.commission, { currency: false })}`,
                `${dayOfMonth}.11.2026`,
                agent,
                type,
              ].join(';');
            rows.push(cells('', day, 'Prowizja', line.agent));
            if (line.reversed) {
              rows.push(
                cells(
                  '-',
                  String(line.day + 5).padStart(2, '0'),
                  'Storno',
                  line.stornoWithoutCode ? '' : line.agent,
                ),
              );
            }
          });
          const imported = await importStatement(t, agency.owner, {
            insurerId: pzu,
            fileName: `raport-${run}.csv`,
            content: `${rows.join('\n')}\n`,
          });
          const period = (await agency.owner.post('/api/periods', { month: '2026-11' })).json<{
            id: string;
          }>();
          const settlement = (
            await agency.owner.get(`/api/periods/${period.id}/settlement`)
          ).json<Settlement>();
          const { totals } = settlement;
          expect(totals.share + totals.retained + totals.problemCommission).toBe(totals.commission);
          expect(totals.problemCommission).toBe(0);
          const expectedCommission = lines.reduce(
            (sum, line) => sum + (line.reversed ? 0 : line.commission),
            0,
          );
          expect(totals.commission).toBe(expectedCommission);
          for (const balance of settlement.collaborators) {
            expect(balance.share + balance.retained).toBe(balance.commission);
          }
          const reconciliation = (await agency.owner.get(`/api/imports/${imported.id}/reconciliation`)).json<{
            commission: number;
            shares: number;
            retained: number;
            unresolved: number;
            collaborators: { share: number }[];
          }>();
          expect(reconciliation.shares + reconciliation.retained + reconciliation.unresolved).toBe(
            reconciliation.commission,
          );
          expect(reconciliation.shares).toBe(totals.share);
          expect(reconciliation.unresolved).toBe(0);
          expect(reconciliation.collaborators.reduce((sum, entry) => sum + entry.share, 0)).toBe(
            reconciliation.shares,
          );

          const page = (await agency.owner.get(`/api/periods/${period.id}/lines?limit=1000`)).json<{
            lines: Line[];
          }>();
          const byPolicy = new Map<string, Line[]>();
          for (const line of page.lines) {
            byPolicy.set(line.policyNumber, [...(byPolicy.get(line.policyNumber) ?? []), line]);
          }
          for (const pair of byPolicy.values()) {
            if (pair.length === 2) {
              const [first, second] = pair.sort((x, y) => x.lineDate.localeCompare(y.lineDate));
              // Sums rather than negation: a zero share and its mirror are +0 and −0 to Object.is.
              expect((second?.share ?? Number.NaN) + (first?.share ?? Number.NaN)).toBe(0);
            }
          }
        },
      ),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
