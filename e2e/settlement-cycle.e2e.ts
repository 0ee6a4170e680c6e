import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeCollaborator, setUpAgency, type ApiPerson } from './support/api.js';
import { accessibilityViolations } from './support/axe.js';
import { authenticatorCode, hasChromium, launchBrowser, newPerson, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The monthly settlement, in Chromium: staff import two insurer files (one mapped by hand), lock and publish
 * the month; the collaborator, on a phone, disputes a line; staff correct it; the collaborator accepts
 * version 2, has a mismatching invoice refused and sends a matching one; the owner marks the statement paid
 * and closes the month. The scene (agency, collaborator, codes, default rule) is set up over HTTP; every page
 * of the story is checked with axe-core.
 */
const requireChromium = process.env.CI === 'true' || process.env.SEJF_REQUIRE_ALL_SUITES === '1';
if (!hasChromium() && requireChromium) {
  throw new Error(
    'Chromium is missing (apt-get install chromium): the browser tests cannot be skipped in CI',
  );
}

const pzuFile = [
  'Raport prowizji agenta;;;;;;;',
  'Okres: 01.11.2026 - 30.11.2026;;;;;;;',
  'Nr polisy;Ubezpieczający;Produkt;Składka;Prowizja;Termin płatności;Kod agenta;Typ',
  'PZU/001;Adam Nowak;OC komunikacyjne;1 234,56;123,45;05.11.2026;A1;Prowizja',
  'PZU/002;Anna Lis;Życie;2.000,00;300,00;10.11.2026;A1;Prowizja',
  'Razem;;;;423,45;;;',
].join('\r\n');

// A layout the suggestion cannot read alone: its columns are mapped by hand.
const wartaFile = [
  'Ident,Klient,Kwota prowizji,Data,Agent',
  'WAR-77,"Kowalczyk, Maria",200.00,2026-11-12,W1',
].join('\n');

describe.skipIf(!hasChromium())('the monthly settlement, end to end in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiPerson;
  let ownerSecret: string;
  let jan: { id: string; person: ApiPerson; secret: string };
  const violations: string[] = [];
  const checked = new Set<string>();

  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await screenshot(page, `settlement-${name}`);
    if (!checked.has(name)) {
      checked.add(name);
      violations.push(...(await accessibilityViolations(page)).map((violation) => `${name}: ${violation}`));
    }
  }

  /** Password, then a fresh authenticator code (the one used at enrolment cannot be replayed). */
  async function logIn(page: Page, email: string, password: string, secret: string) {
    await page.goto(`${server.origin}/login`);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page
      .getByLabel('Kod z aplikacji uwierzytelniającej')
      .fill(await authenticatorCode(secret, { freshStep: true }));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  async function importFile(page: Page, insurer: string, fileName: string, content: string) {
    await page.goto(`${server.origin}/imports/new`);
    await page.getByLabel('Towarzystwo').click();
    await page.getByRole('option', { name: insurer, exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: fileName,
      mimeType: 'text/csv',
      buffer: Buffer.from(content, 'utf8'),
    });
    await page.getByRole('button', { name: 'Prześlij plik' }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Przypisanie kolumn' }).waitFor();
  }

  async function parseAndCommit(page: Page) {
    await page.getByRole('button', { name: 'Wczytaj' }).click();
    const commit = page.getByRole('button', { name: 'Zatwierdź import' });
    await commit.waitFor().catch(async (error: unknown) => {
      await screenshot(page, 'settlement-failure');
      throw error;
    });
    await expect.poll(() => commit.isEnabled(), { timeout: 30_000 }).toBe(true);
    await commit.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Zatwierdź import' }).click();
    await page.getByText('zatwierdzony', { exact: true }).first().waitFor();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const agency = await setUpAgency(server.origin, server.setupLink, {
      name: 'Multiagencja Kowalski sp. z o.o.',
      nip: '5242953841',
      ownerName: 'Anna Kowalska',
      email: 'anna.kowalska@multiagencja-test.pl',
      password: 'Zielona-Herbata-Pod-Lipa-2026',
    });
    owner = agency.person;
    ownerSecret = agency.secret;
    jan = await activeCollaborator(server.origin, owner, {
      fullName: 'Jan Nowak',
      email: 'jan.nowak@wspolpracownik-test.pl',
      password: 'Kot-Na-Parapecie-W-Lodzi-17',
      knfNumber: '11257162/A',
      nip: '5250007313',
      taxMode: 'invoice',
    });
    const insurers = await owner.call<{ id: string; name: string }[]>('GET', '/api/insurers');
    const idOf = (name: string) => insurers.find((insurer) => insurer.name === name)?.id;
    await owner.call('POST', '/api/agent-codes', {
      insurerId: idOf('PZU'),
      collaboratorId: jan.id,
      code: 'A1',
    });
    await owner.call('POST', '/api/agent-codes', {
      insurerId: idOf('Warta'),
      collaboratorId: jan.id,
      code: 'W1',
    });
    await owner.call('POST', '/api/rules', { basis: 'agency_commission', rate: '50' });
  }, 180_000);
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('goes from two insurer files to a paid and closed month', async () => {
    const staff = await newPerson(browser, 'desktop');
    const phone = await newPerson(browser, 'phone');
    const o = staff.page;
    const c = phone.page;
    await logIn(o, 'anna.kowalska@multiagencja-test.pl', 'Zielona-Herbata-Pod-Lipa-2026', ownerSecret);
    await logIn(c, 'jan.nowak@wspolpracownik-test.pl', 'Kot-Na-Parapecie-W-Lodzi-17', jan.secret);

    // 1. Two insurer files: PZU's layout is recognised, Warta's is mapped by hand.
    await importFile(o, 'PZU', 'Raport_prowizji_2026_11.csv', pzuFile);
    await check(o, '01-import-pzu-mapping');
    await parseAndCommit(o);
    await check(o, '02-import-pzu-committed');
    await importFile(o, 'Warta', 'RPT__RSP_2026_11.CSV', wartaFile);
    await o.getByLabel('Numer polisy').click();
    await o.getByRole('option', { name: 'Ident', exact: true }).click();
    await o.getByLabel('Prowizja').click();
    await o.getByRole('option', { name: 'Kwota prowizji', exact: true }).click();
    await o.getByLabel('Data pozycji').click();
    await o.getByRole('option', { name: 'Data', exact: true }).click();
    await o.getByLabel('Kod agenta').click();
    await o.getByRole('option', { name: 'Agent', exact: true }).click();
    await check(o, '03-import-warta-mapped');
    await parseAndCommit(o);

    // 2. The month: preview, lock, publish.
    await o.goto(`${server.origin}/periods`);
    await check(o, '04-periods');
    await o.getByRole('button', { name: 'Nowy okres' }).first().click();
    await o.getByRole('dialog').getByRole('button', { name: 'Utwórz okres' }).click();
    await o.waitForURL(/\/periods\/[0-9a-f-]{36}$/);
    await o.getByRole('button', { name: 'Zablokuj okres' }).waitFor();
    await check(o, '05-period-preview');
    await o.getByRole('button', { name: 'Zablokuj okres' }).click();
    await o.getByRole('dialog').getByRole('button', { name: 'Zablokuj okres' }).click();
    await o.getByRole('button', { name: 'Opublikuj rozliczenia' }).waitFor();
    await o.getByRole('button', { name: 'Opublikuj rozliczenia' }).click();
    await o.getByRole('dialog').getByRole('button', { name: 'Opublikuj rozliczenia' }).click();
    await o.getByText('opublikowany', { exact: true }).first().waitFor({ timeout: 60_000 });
    await check(o, '06-period-published');

    // 3. The collaborator, on a phone, disputes the rate of one policy.
    const [statement] = await jan.person.call<{ id: string; amountDue: number }[]>(
      'GET',
      '/api/panel/statements',
    );
    expect(statement?.amountDue).toBe(31173);
    await c.goto(`${server.origin}/panel/statements/${statement?.id ?? ''}`);
    await c.getByText('311,73 zł').first().waitFor();
    await check(c, '07-panel-statement');
    await c.getByRole('button', { name: 'Zgłoś zastrzeżenie' }).first().click();
    await c.getByLabel('Czego dotyczy zastrzeżenie').click();
    await c.getByRole('option', { name: 'Zła stawka' }).click();
    await c.getByRole('checkbox', { name: 'Zastrzeżenie do polisy PZU/002' }).check();
    await c.getByLabel('Wiadomość do agencji').fill('Na polisę PZU/002 mam umówione 60%.');
    await check(c, '08-panel-dispute');
    await c.getByRole('button', { name: /^Wyślij zastrzeżenie/ }).click();
    await c.getByText('Na polisę PZU/002 mam umówione 60%.').waitFor();

    // 4. Staff correct the line: version 2.
    await o.goto(`${server.origin}/statements/${statement?.id ?? ''}`);
    await check(o, '09-statement-disputed');
    await o.getByRole('button', { name: 'Skoryguj' }).first().click();
    await o.getByLabel('Nowy udział, polisa PZU/002').fill('180,00');
    await o.getByLabel('Powód zmiany, polisa PZU/002').fill('Stawka 60% zgodnie z umową');
    await o.getByLabel('Odpowiedź dla współpracownika').fill('Poprawiliśmy stawkę na 60%.');
    await check(o, '10-statement-correction');
    await o.getByRole('button', { name: 'Wystaw korektę (wersja 2)' }).click();
    await o
      .getByText(/Wystawiono wersję 2/)
      .first()
      .waitFor();

    // 5. The collaborator accepts version 2; a mismatching invoice is refused, a matching one taken.
    const [v2] = await jan.person.call<{ id: string; version: number; amountDue: number }[]>(
      'GET',
      '/api/panel/statements',
    );
    expect(v2).toMatchObject({ version: 2, amountDue: 34173 });
    await c.goto(`${server.origin}/panel/statements/${v2?.id ?? ''}`);
    await c.getByText('341,73 zł').first().waitFor();
    await check(c, '11-panel-v2');
    await c.getByRole('button', { name: 'Zaakceptuj rozliczenie' }).click();
    await c.getByRole('dialog').getByRole('button', { name: 'Tak, akceptuję' }).click();
    await c.getByRole('button', { name: 'Wyślij fakturę' }).waitFor();
    await c.getByLabel('Numer faktury').fill('FV 1/11/2026');
    await c.getByLabel('Kwota faktury').fill('340,00');
    await c.locator('input[type="file"]').setInputFiles({
      name: 'faktura.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    await c.getByRole('button', { name: 'Wyślij fakturę' }).click();
    await c.getByText('Faktura nie została przyjęta').waitFor();
    await check(c, '12-panel-invoice-refused');
    await c.getByLabel('Kwota faktury').fill('341,73');
    await c.getByRole('button', { name: 'Wyślij fakturę' }).click();
    await c.getByText('przesłana', { exact: true }).first().waitFor();
    await check(c, '13-panel-invoice-sent');

    // 6. The owner pays and closes the month.
    const period = (await owner.call<{ id: string }[]>('GET', '/api/periods'))[0];
    await o.goto(`${server.origin}/periods/${period?.id ?? ''}`);
    await o.getByRole('button', { name: 'Oznacz jako wypłacone' }).first().click();
    await o.getByRole('dialog').getByRole('button', { name: 'Zapisz wypłatę' }).click();
    await o.getByText('wypłacone', { exact: true }).first().waitFor();
    await o.getByRole('button', { name: 'Zamknij okres' }).click();
    await o.getByRole('dialog').getByRole('button', { name: 'Zamknij okres' }).click();
    await o.getByText('zamknięty', { exact: true }).first().waitFor();
    await check(o, '14-period-closed');

    const closed = await owner.call<{ status: string }>('GET', `/api/periods/${period?.id ?? ''}`);
    expect(closed.status).toBe('closed');
    expect(violations).toEqual([]);
    await staff.context.close();
    await phone.context.close();
  }, 300_000);
});
