import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/axe.js';
import {
  addVirtualAuthenticator,
  authenticatorCode,
  hasChromium,
  launchBrowser,
  newPerson,
  screenshot,
} from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The whole story of the walking skeleton, as two people in Debian's Chromium: the owner sets up
 * the agency, registers and invites a collaborator, and sends a document; the collaborator, on a
 * phone, accepts the invitation, enrols their own authenticator, and downloads the document; the
 * owner sees the read receipts and the audit trail; the owner adds a passkey and logs in with it.
 * Every page visited is checked with axe-core (WCAG 2.1 AA).
 */
const requireChromium = process.env.CI === 'true' || process.env.SEJF_REQUIRE_ALL_SUITES === '1';
if (!hasChromium() && requireChromium) {
  throw new Error(
    'Chromium is missing (apt-get install chromium): the browser tests cannot be skipped in CI',
  );
}

const ownerEmail = 'anna.kowalska@multiagencja-test.pl';
const ownerPassword = 'Zielona-Herbata-Pod-Lipa-2026';
const collaboratorEmail = 'jan.nowak@wspolpracownik-test.pl';
const collaboratorPassword = 'Kot-Na-Parapecie-W-Lodzi-17';
const knfNumber = '11257162/A';
const documentBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

type Problems = { accessibility: string[]; console: string[] };

/** Console errors and uncaught exceptions of a page; a 4xx the test provokes is the browser's own log line. */
function watch(page: Page, who: string, problems: Problems): void {
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
    ) {
      problems.console.push(`${who}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => {
    problems.console.push(`${who}: ${error.message}`);
  });
}

describe.skipIf(!hasChromium())('the secure document panel, end to end in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const problems: Problems = { accessibility: [], console: [] };
  const checked = new Set<string>();
  let ownerRecoveryCodes: string[] = [];

  /** axe on the page as it is now, once per named view; a screenshot of each for people to look at. */
  async function check(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    if (checked.has(name)) {
      return;
    }
    checked.add(name);
    for (const violation of await accessibilityViolations(page)) {
      problems.accessibility.push(`${name}: ${violation}`);
    }
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('takes an owner and a collaborator from an empty installation to a downloaded document', async () => {
    const owner = await newPerson(browser, 'desktop');
    const collaborator = await newPerson(browser, 'phone');
    watch(owner.page, 'owner', problems);
    watch(collaborator.page, 'collaborator', problems);
    const o = owner.page;
    const c = collaborator.page;

    // 1. The owner opens the one-time setup link from the server console.
    await o.goto(server.setupLink);
    await check(o, '01-setup');
    await o.getByLabel('Nazwa agencji').fill('Multiagencja Kowalski sp. z o.o.');
    await o.getByLabel('NIP agencji').fill('524-295-38-41');
    await o.getByLabel('Imię i nazwisko').fill('Anna Kowalska');
    await o.getByLabel('Adres e-mail (login)').fill(ownerEmail);
    await o.getByLabel(/^Hasło/).fill(ownerPassword);
    await o.getByRole('button', { name: 'Załóż agencję i przejdź dalej' }).click();

    // 2. The owner must enrol a second factor before anything else.
    await o.waitForURL('**/enrol');
    await check(o, '02-enrol-choose');
    await o.getByRole('button', { name: /Aplikacja uwierzytelniająca/ }).click();
    const ownerSecret = (await o.getByLabel('Klucz do wpisania ręcznie').innerText()).replace(/\s/g, '');
    await check(o, '03-enrol-totp');
    await o.getByLabel('Kod z aplikacji').fill(await authenticatorCode(ownerSecret));
    await o.getByRole('checkbox', { name: 'Zapisałem/am kody w bezpiecznym miejscu' }).waitFor();
    await check(o, '04-recovery-codes');
    ownerRecoveryCodes = (
      await o.getByRole('list', { name: 'Kody odzyskiwania Sejf' }).getByRole('listitem').allInnerTexts()
    ).map((code) => code.trim());
    expect(ownerRecoveryCodes).toHaveLength(10);
    expect(ownerRecoveryCodes.every((code) => /^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(code))).toBe(true);
    await o.getByRole('checkbox', { name: 'Zapisałem/am kody w bezpiecznym miejscu' }).check();
    await o.getByRole('button', { name: 'Przejdź do Sejfu' }).click();
    await o.getByRole('heading', { name: 'Pulpit' }).waitFor();
    await check(o, '05-dashboard');

    // 3. The owner registers the collaborator and invites them.
    await o.getByRole('link', { name: 'Współpracownicy', exact: true }).first().click();
    await check(o, '06-collaborators-empty');
    await o.getByRole('button', { name: 'Dodaj współpracownika' }).first().click();
    const form = o.getByRole('dialog');
    await form.getByLabel('Imię i nazwisko').fill('Jan Nowak');
    await form.getByLabel('Adres e-mail').fill(collaboratorEmail);
    await form.getByLabel('Telefon').fill('600 123 456');
    await form.getByLabel('Numer w rejestrze KNF').fill(knfNumber);
    await form.getByLabel('NIP').fill('5250007313');
    await check(o, '07-collaborator-form');
    await form.getByRole('button', { name: 'Dodaj współpracownika' }).click();
    await o.waitForURL(/\/collaborators\/[0-9a-f-]{36}$/);
    await o.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
    await o.getByRole('button', { name: 'Wyślij ponownie' }).waitFor();
    await check(o, '08-collaborator-invited');
    await o.getByRole('link', { name: 'Współpracownicy', exact: true }).first().click();
    await o.getByRole('table').getByText('zaproszony', { exact: true }).first().waitFor();
    await check(o, '08b-collaborators');

    // Without SMTP the owner reads the invitation e-mail in the development outbox.
    await o.getByRole('link', { name: 'Poczta (tryb deweloperski)', exact: true }).first().click();
    const invitationText = await o
      .getByText(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)
      .first()
      .innerText();
    await check(o, '09-dev-outbox');
    const invitationCode = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitationText)?.[0] ?? '';
    expect(invitationCode).not.toBe('');
    expect(invitationText).not.toContain('Jan Nowak');

    // 4. The collaborator, on a phone, accepts the invitation (typing the code in lower case).
    await c.goto(`${server.origin}/login`);
    await check(c, '10-login-phone');
    await c.getByRole('link', { name: 'Mam kod zaproszenia' }).click();
    await check(c, '11-invitation');
    await c.getByLabel('Adres e-mail').fill(collaboratorEmail);
    await c.getByLabel('Kod zaproszenia').fill(invitationCode.toLowerCase().replaceAll('-', ' '));
    await c.getByRole('button', { name: 'Sprawdź zaproszenie' }).click();
    await c.getByText('Zaproszenie do agencji Multiagencja Kowalski sp. z o.o.').waitFor();
    await check(c, '12-invitation-password');
    await c.getByLabel('Nowe hasło').fill(collaboratorPassword);
    await c.getByLabel('Powtórz hasło').fill(collaboratorPassword);
    await c.getByRole('button', { name: 'Załóż konto i przejdź dalej' }).click();
    await c.waitForURL('**/enrol');
    await c.getByRole('button', { name: /Aplikacja uwierzytelniająca/ }).click();
    const collaboratorSecret = (await c.getByLabel('Klucz do wpisania ręcznie').innerText()).replace(
      /\s/g,
      '',
    );
    expect(collaboratorSecret).not.toBe(ownerSecret);
    await check(c, '13-enrol-totp-phone');
    await c.getByLabel('Kod z aplikacji').fill(await authenticatorCode(collaboratorSecret));
    await c.getByRole('checkbox', { name: 'Zapisałem/am kody w bezpiecznym miejscu' }).check();
    await c.getByRole('button', { name: 'Przejdź do Sejfu' }).click();
    await c.getByRole('heading', { name: 'Moje dokumenty' }).waitFor();
    await c.getByText('Nie masz jeszcze dokumentów').waitFor();
    await check(c, '14-panel-empty');

    // 5. The owner sends a document: recipient from the registry, confirmation, file.
    await o.getByRole('link', { name: 'Dokumenty', exact: true }).first().click();
    await o.getByRole('link', { name: 'Wyślij dokument' }).first().click();
    await check(o, '15-send-recipient');
    await o.locator('#recipient-select').fill('11257162');
    await o.getByRole('option', { name: `Jan Nowak · ${knfNumber}` }).click();
    await o.getByRole('button', { name: 'Dalej' }).click();
    await o.getByText('Czy to na pewno właściwa osoba?').waitFor();
    await expect(o.getByText(knfNumber).first().isVisible()).resolves.toBe(true);
    await expect(o.getByText('j***@w***.pl').isVisible()).resolves.toBe(true);
    await check(o, '16-send-confirm');
    await o.getByRole('button', { name: 'Tak, to właściwa osoba' }).click();
    await o.getByLabel('Tytuł dokumentu').fill('Rozliczenie prowizji – listopad 2026');
    await o.locator('input[type="file"]').setInputFiles({
      name: 'rozliczenie-listopad-2026.pdf',
      mimeType: 'application/pdf',
      buffer: documentBytes,
    });
    await o.getByText('rozliczenie-listopad-2026.pdf').waitFor();
    await check(o, '17-send-details');
    await o.getByRole('button', { name: 'Wyślij zaszyfrowany dokument' }).click();
    await o.getByText('Dokument wysłany').waitFor();
    await check(o, '18-sent');

    // 6. The collaborator sees it waiting and downloads it.
    await c.reload();
    await c.getByText('Masz 1 nowy dokument').waitFor();
    await check(c, '19-panel-new');
    const downloadStarted = c.waitForEvent('download');
    await c.getByRole('link', { name: 'Pobierz plik rozliczenie-listopad-2026.pdf' }).click();
    const download = await downloadStarted;
    expect(download.suggestedFilename()).toBe('rozliczenie-listopad-2026.pdf');
    expect(fs.readFileSync(await download.path()).equals(documentBytes)).toBe(true);
    await c.reload();
    await c.getByText('Nie masz nowych dokumentów').waitFor();

    // 7. The owner sees who opened and downloaded it, and the audit trail.
    await o.getByRole('link', { name: 'Dokumenty', exact: true }).first().click();
    await o.getByRole('link', { name: 'Rozliczenie prowizji – listopad 2026' }).waitFor();
    await check(o, '19b-documents-list');
    await o.getByRole('link', { name: 'Rozliczenie prowizji – listopad 2026' }).click();
    await o.getByText('Potwierdzenia odczytu').waitFor();
    await expect(o.getByText('Jan Nowak').first().isVisible()).resolves.toBe(true);
    await check(o, '20-document-receipts');
    await o.getByRole('link', { name: 'Dziennik zdarzeń', exact: true }).first().click();
    await o.getByRole('table').waitFor();
    await check(o, '21-audit');
    const auditText = await o.getByRole('table').innerText();
    expect(auditText).toContain('Jan Nowak');

    // Typed addresses and reloads work: the root and a deep link both serve the app.
    await o.goto(server.origin);
    await o.getByRole('heading', { name: 'Pulpit' }).waitFor();
    await o.goto(`${server.origin}/documents`);
    await o.getByRole('heading', { name: 'Dokumenty' }).waitFor();
    const head = await fetch(`${server.origin}/collaborators`, { method: 'HEAD' });
    expect(head.status).toBe(200);

    // 8. The collaborator logs out and back in with their own authenticator.
    await c.goto(`${server.origin}/account`);
    await check(c, '22-account-phone');
    await c.getByRole('button', { name: 'Wyloguj' }).first().click();
    await c.getByRole('button', { name: 'Zaloguj się' }).waitFor();
    await c.getByLabel('Adres e-mail').fill(collaboratorEmail);
    await c.getByLabel('Hasło').fill(collaboratorPassword);
    await c.getByRole('button', { name: 'Zaloguj się' }).click();
    await c.getByLabel('Kod z aplikacji uwierzytelniającej').waitFor();
    await check(c, '23-second-factor-phone');
    await c
      .getByLabel('Kod z aplikacji uwierzytelniającej')
      .fill(await authenticatorCode(collaboratorSecret, { freshStep: true }));
    await c.getByRole('heading', { name: 'Moje dokumenty' }).waitFor();

    // 9. English works too.
    await c.getByText('English', { exact: true }).click();
    await c.getByRole('heading', { name: 'My documents' }).waitFor();
    await check(c, '24-panel-english');

    await owner.context.close();
    await collaborator.context.close();
  });

  it('lets the owner log in with a recovery code, add a passkey and log in with it', async () => {
    const owner = await newPerson(browser, 'desktop');
    watch(owner.page, 'owner-passkey', problems);
    const o = owner.page;
    await addVirtualAuthenticator(o);

    // A recovery code instead of the phone, once.
    await o.goto(`${server.origin}/login`);
    await o.getByLabel('Adres e-mail').fill(ownerEmail);
    await o.getByLabel('Hasło').fill(ownerPassword);
    await o.getByRole('button', { name: 'Zaloguj się' }).click();
    await o.getByRole('button', { name: 'Użyj kodu odzyskiwania' }).click();
    await check(o, '25-recovery-login');
    await o.getByLabel('Kod odzyskiwania').fill(ownerRecoveryCodes[0] ?? '');
    await o.getByRole('button', { name: 'Potwierdź' }).click();
    await o.getByText('Zostało Ci 9 kodów odzyskiwania.').first().waitFor();
    await check(o, '26-after-recovery-login');

    // A passkey from the account page.
    await o.goto(`${server.origin}/account`);
    await check(o, '27-account');
    await o.getByRole('button', { name: 'Dodaj klucz dostępu' }).click();
    await o.getByLabel('Nazwa klucza').fill('Laptop w biurze');
    await o.getByRole('button', { name: 'Utwórz klucz dostępu' }).click();
    await o.getByRole('cell', { name: 'Laptop w biurze' }).first().waitFor();
    await check(o, '28-account-with-passkey');

    // Log out, then in with the password and the passkey.
    await o.getByRole('button', { name: 'Wyloguj' }).first().click();
    await o.getByRole('button', { name: 'Zaloguj się' }).waitFor();
    await o.getByLabel('Adres e-mail').fill(ownerEmail);
    await o.getByLabel('Hasło').fill(ownerPassword);
    await o.getByRole('button', { name: 'Zaloguj się' }).click();
    await o.getByRole('button', { name: 'Użyj klucza dostępu' }).first().click();
    await check(o, '29-passkey-step');
    const passkeyButtons = o.getByRole('button', { name: 'Użyj klucza dostępu' });
    await passkeyButtons.last().click();
    await o.getByRole('heading', { name: 'Pulpit' }).waitFor();
    await check(o, '30-dashboard-after-passkey');
    await owner.context.close();
  });

  it('found no accessibility violations and no browser errors on any page', () => {
    expect(checked.size).toBeGreaterThanOrEqual(20);
    expect(problems.accessibility).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});
