import { expect } from 'vitest';
import type { TestApp, TestClient, TestResponse } from './harness.js';
import { multipartBody } from './multipart.js';

export type ImportDetail = {
  id: string;
  status: string;
  fileName: string;
  lineCount: number;
  errorCount: number;
  unmatchedCount: number;
  commissionTotal: number;
  rowsProcessed: number;
  failure: { code: string; details: Record<string, unknown> | null } | null;
  detected: {
    headers: string[];
    headerRowNumber: number;
    encoding: string | null;
    delimiter: string | null;
  } | null;
  mapping: { columns: Record<string, string> } | null;
  mappingSource: string | null;
  mappingProblems: { field: string; problem: string }[];
  suggestedColumns: Record<string, string>;
};

export async function insurerId(client: TestClient, name: string): Promise<string> {
  const insurers = (await client.get('/api/insurers')).json<{ id: string; name: string }[]>();
  const found = insurers.find((insurer) => insurer.name === name);
  if (!found) {
    throw new Error(`No insurer ${name}`);
  }
  return found.id;
}

export function uploadStatement(
  client: TestClient,
  input: { insurerId: string; fileName: string; content: Buffer | string; statementDate?: string },
): Promise<TestResponse> {
  const body = multipartBody([
    { kind: 'field', name: 'insurerId', value: input.insurerId },
    { kind: 'field', name: 'statementDate', value: input.statementDate ?? '2026-11-30' },
    {
      kind: 'file',
      name: 'file',
      fileName: input.fileName,
      content: typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content,
    },
  ]);
  return client.request('POST', '/api/imports', {
    payload: body.payload,
    headers: { 'content-type': body.contentType },
  });
}

/** Starts parsing and waits for this process's background parse to finish. */
export async function parseImport(t: TestApp, client: TestClient, id: string): Promise<ImportDetail> {
  const started = await client.post(`/api/imports/${id}/parse`);
  expect(started.status, started.body).toBe(202);
  await t.services.imports.settled(id);
  const detail = await client.get(`/api/imports/${id}`);
  expect(detail.status, detail.body).toBe(200);
  return detail.json<ImportDetail>();
}

/** Upload, parse with the mapping found (template or suggestion), commit. */
export async function importStatement(
  t: TestApp,
  client: TestClient,
  input: { insurerId: string; fileName: string; content: Buffer | string; statementDate?: string },
): Promise<ImportDetail> {
  const uploaded = await uploadStatement(client, input);
  expect(uploaded.status, uploaded.body).toBe(201);
  const id = uploaded.json<ImportDetail>().id;
  const parsed = await parseImport(t, client, id);
  expect(parsed.status, JSON.stringify(parsed.failure)).toBe('parsed');
  expect(parsed.errorCount).toBe(0);
  const committed = await client.post(`/api/imports/${id}/commit`);
  expect(committed.status, committed.body).toBe(200);
  return committed.json<ImportDetail>();
}

/** A PZU-like statement: title lines, a `;` table with Polish amounts and dates, a totals row. */
export function pzuStatement(
  rows: {
    policy: string;
    holder: string;
    product: string;
    premium: string;
    commission: string;
    date: string;
    agent: string;
    type?: string;
  }[],
): string {
  const lines = [
    'Raport prowizji agenta;;;;;;;',
    'Okres: 01.11.2026 - 30.11.2026;;;;;;;',
    ';;;;;;;',
    'Nr polisy;Ubezpieczający;Produkt;Składka;Prowizja;Termin płatności;Kod agenta;Typ',
    ...rows.map((row) =>
      [
        row.policy,
        row.holder,
        row.product,
        row.premium,
        row.commission,
        row.date,
        row.agent,
        row.type ?? 'Prowizja',
      ].join(';'),
    ),
    'Razem;;;;;;;',
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
