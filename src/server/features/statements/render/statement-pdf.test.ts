import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amountInWords, formatAmount } from '../../../../shared/money.js';
import { makeLines, makeStatement } from '../../../../../test/support/statement-fixtures.js';
import { infoText, inspectPdf } from '../../../../../test/support/pdf-inspect.js';
import { isRenderError } from './render-error.js';
import { renderStatementPdf } from './statement-pdf.js';

// Amounts are printed with no-break spaces; the tests compare them as printed.
const NBSP = '\u00a0';

describe('renderStatementPdf', () => {
  it('prints the statement in Polish with identities, period, balances and the amount due in words', async () => {
    const input = makeStatement(40);
    const pdf = inspectPdf(await renderStatementPdf(input));
    const first = pdf.pages[0]?.text ?? '';
    for (const expected of [
      'Zestawienie prowizyjne nr ROZ/2026/11/0007',
      'Okres rozliczeniowy: listopad 2026',
      'Data wystawienia: 02.12.2026',
      'Multiagencja Przykładowa Bożena Żółtowska sp.',
      'NIP 5242953841',
      'REGON 301093951',
      'Łukasz Ćwikliński',
      'Nr KNF 11257162/A',
      'NIP 7261120385',
      'Saldo otwarcia (z poprzedniego okresu)',
      'Saldo zamknięcia',
      'Do wypłaty',
      'Przeniesione na kolejny okres',
      `Słownie: ${amountInWords(input.amountDue)}`,
      'Usługi pośrednictwa ubezpieczeniowego zwolnione z VAT na podstawie art. 43 ust. 1 pkt 37 ustawy o VAT.',
      'Podsumowanie według towarzystw',
      'Premia za sprzedaż pakietów „Dom Spokojny”',
    ]) {
      expect(first).toContain(expected);
    }
    expect(pdf.pages[0]?.texts).toContain(formatAmount(input.amountDue));
    expect(pdf.pages[0]?.texts).toContain(formatAmount(input.openingBalance));
    expect(first).toContain(`-123,45`);
  });

  it('lists every line with its policy, date, type, base, rate and share, and per-insurer subtotals', async () => {
    const input = makeStatement(30);
    const text = inspectPdf(await renderStatementPdf(input))
      .pages.map((page) => page.text)
      .join(' ');
    for (const line of input.lines) {
      expect(text).toContain(line.policyNumber);
    }
    const [line] = input.lines;
    if (line === undefined) {
      throw new Error('No line');
    }
    expect(text).toContain(
      `${line.lineDate.slice(8, 10)}.${line.lineDate.slice(5, 7)}.${line.lineDate.slice(0, 4)}`,
    );
    expect(text).toContain(formatAmount(line.share, { currency: false }));
    for (const insurer of new Set(input.lines.map((l) => l.insurerName))) {
      const share = input.lines.filter((l) => l.insurerName === insurer).reduce((sum, l) => sum + l.share, 0);
      expect(text).toContain(`Razem ${insurer} ${formatAmount(share, { currency: false })}`);
    }
    expect(text).toMatch(/naliczenie|korekta|storno/);
    expect(text).toContain('Razem pozycje');
  });

  it('embeds a subset of Noto Sans with a ToUnicode map so Polish letters survive copying', async () => {
    const bytes = await renderStatementPdf(makeStatement(5));
    const pdf = inspectPdf(bytes);
    expect(pdf.raw).toContain('/FontFile2');
    expect(pdf.raw).toContain('/ToUnicode');
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    const text = pdf.pages[0]?.text ?? '';
    for (const polish of [
      'WSPÓŁPRACOWNIK (OFWCA)',
      'Łukasz Ćwikliński',
      'ul. Ślężna 5',
      'Zwrot kosztów szkolenia',
    ]) {
      expect(text).toContain(polish);
    }
    expect(text).not.toContain('\ufffd');
  });

  it('adds pages as lines grow, repeats the table header and numbers the pages', async () => {
    const small = inspectPdf(await renderStatementPdf(makeStatement(10)));
    const large = inspectPdf(await renderStatementPdf(makeStatement(400)));
    expect(small.pages).toHaveLength(1);
    expect(large.pages.length).toBeGreaterThanOrEqual(6);
    large.pages.forEach((page, index) => {
      expect(page.text).toContain(`Strona ${String(index + 1)} z ${String(large.pages.length)}`);
      if (index > 0) {
        expect(page.texts.slice(0, 12)).toEqual(
          expect.arrayContaining(['Nr polisy', 'Udział (zł)', 'Stawka']),
        );
      }
    });
  });

  it('says which version a corrected statement replaces', async () => {
    const input = makeStatement(3, { version: 2, supersedes: { version: 1, amountDue: 123_456 } });
    const text = inspectPdf(await renderStatementPdf(input)).pages[0]?.text ?? '';
    expect(text).toContain('Wersja 2');
    expect(text).toContain(
      `ta wersja 2 zastępuje wersję 1 (do wypłaty według wersji 1: 1${NBSP}234,56${NBSP}zł)`,
    );
  });

  it('explains a balance carried forward below the minimum payout', async () => {
    const lines = makeLines(1).map((line) => ({ ...line, share: 1_000 }));
    const input = makeStatement(0, {
      lines,
      adjustments: [],
      openingBalance: 0,
      amountDue: 0,
      minimumPayout: 5_000,
    });
    const text = inspectPdf(await renderStatementPdf(input)).pages[0]?.text ?? '';
    expect(text).toContain(`Saldo jest niższe niż minimalna kwota wypłaty (50,00${NBSP}zł)`);
    expect(text).toContain('Słownie: zero złotych 00/100');
  });

  it('cuts a cell that does not fit with an ellipsis instead of overflowing into the next column', async () => {
    const [line] = makeLines(1);
    if (line === undefined) {
      throw new Error('No line');
    }
    const long = { ...line, policyNumber: `POL/${'1234567890'.repeat(6)}` };
    const text =
      inspectPdf(await renderStatementPdf(makeStatement(0, { lines: [long] }))).pages[0]?.text ?? '';
    expect(text).toMatch(/POL\/1234567890\d*…/);
    expect(text).not.toContain(long.policyNumber);
  });

  it('prints letters outside the shared subset (Cyrillic, Greek) and a ? for what the font lacks', async () => {
    const [line] = makeLines(1);
    if (line === undefined) {
      throw new Error('No line');
    }
    const input = makeStatement(0, { lines: [{ ...line, policyholder: 'Жанна Ωμέγα 🙂' }] });
    const pdf = inspectPdf(await renderStatementPdf(input));
    expect(pdf.pages[0]?.text).toContain('Жанна Ωμέγα ?');
  });

  it('gives the same bytes whatever was rendered before it in the process', async () => {
    const withName = (name: string) =>
      makeStatement(0, { lines: makeLines(2).map((line) => ({ ...line, policyholder: name })) });
    const ukrainian = withName('Олена Ґудзь');
    const first = await renderStatementPdf(ukrainian);
    await renderStatementPdf(withName('Ελένη Ζ.'));
    await renderStatementPdf(withName('Олег Їжак'));
    expect((await renderStatementPdf(ukrainian)).equals(first)).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes, with the issue date as creation date', async () => {
    const input = makeStatement(120);
    const first = await renderStatementPdf(input);
    const second = await renderStatementPdf(structuredClone(input));
    expect(createHash('sha256').update(first).digest('hex')).toBe(
      createHash('sha256').update(second).digest('hex'),
    );
    const { info } = inspectPdf(first);
    expect(infoText(info, 'Title')).toBe('Zestawienie prowizyjne ROZ/2026/11/0007, wersja 1');
    expect(info).toContain('/CreationDate (D:20261202000000Z)');
    expect(info).not.toContain('Author');
  });

  it('refuses figures that do not add up, naming the field but not the amount', async () => {
    const input = makeStatement(5);
    const error: unknown = await renderStatementPdf({
      ...input,
      closingBalance: input.closingBalance + 1,
    }).catch((caught: unknown) => caught);
    expect(isRenderError(error) && error.code).toBe('totals_mismatch');
    expect(String(error)).not.toContain(String(input.closingBalance));
    await expect(renderStatementPdf({ ...input, linesTotal: input.linesTotal - 1 })).rejects.toThrow(
      /linesTotal/,
    );
    await expect(renderStatementPdf({ ...input, issuedOn: '2026-02-30' })).rejects.toThrow(/issuedOn/);
  });
});
