import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, extensionMatches, extensionOf, validateFileName } from './file-name.js';

describe('validateFileName', () => {
  it('keeps Polish letters and normalizes to NFC', () => {
    expect(validateFileName('  Rozliczenie – Łódź, październik.pdf ')).toEqual({
      ok: true,
      name: 'Rozliczenie – Łódź, październik.pdf',
    });
    const decomposed = 'Zaz\u0307o\u0301łc\u0301.xlsx';
    expect(validateFileName(decomposed)).toEqual({ ok: true, name: 'Zażółć.xlsx' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['../../etc/passwd', 'path_separator'],
    ['raport/2026.pdf', 'path_separator'],
    ['C:\\Windows\\raport.pdf', 'path_separator'],
    ['raport\u0000.pdf', 'control_character'],
    ['raport\r\nX-Injected: 1.pdf', 'control_character'],
    ['raport\u0085.pdf', 'control_character'],
    ['raport\u2028.pdf', 'control_character'],
    ['faktura\u202Efdp.exe', 'control_character'],
    ['faktura\u2067.pdf', 'control_character'],
    [`${'a'.repeat(252)}.pdf`, 'too_long'],
    ['.', 'reserved'],
    ['..', 'reserved'],
    ['CON', 'reserved'],
    ['nul.csv', 'reserved'],
    ['Com1.pdf', 'reserved'],
    ['LPT9', 'reserved'],
  ] as const)('refuses %j (%s)', (name, reason) => {
    expect(validateFileName(name)).toEqual({ ok: false, reason });
  });

  it('accepts names of exactly 255 characters, counting code points', () => {
    expect(validateFileName(`${'ż'.repeat(251)}.pdf`).ok).toBe(true);
    expect(validateFileName(`${'😀'.repeat(251)}.pdf`).ok).toBe(true);
    expect(validateFileName(`${'ż'.repeat(252)}.pdf`)).toEqual({ ok: false, reason: 'too_long' });
  });

  it('accepts names that only look like reserved ones', () => {
    expect(validateFileName('CONTRACT.pdf').ok).toBe(true);
    expect(validateFileName('com10.csv').ok).toBe(true);
    expect(validateFileName('...pdf').ok).toBe(true);
  });

  it('returns only names without separators or control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const result = validateFileName(input);
        if (result.ok) {
          expect(result.name).not.toMatch(/[/\\\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
          expect(result.name.length).toBeGreaterThan(0);
          expect(result.name).toBe(result.name.normalize('NFC').trim());
        }
      }),
    );
  });
});

describe('extensionOf and extensionMatches', () => {
  it.each([
    ['raport.PDF', 'pdf'],
    ['archiwum.tar.gz', 'gz'],
    ['bez rozszerzenia', ''],
    ['.profile', ''],
    ['kropka.', ''],
    ['zdjęcie.JPEG', 'jpeg'],
  ])('%s → %j', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });

  it('accepts only the extensions of the detected kind', () => {
    expect(extensionMatches('Prowizje.XLSX', 'xlsx')).toBe(true);
    expect(extensionMatches('zdjęcie.jpg', 'jpeg')).toBe(true);
    expect(extensionMatches('zdjęcie.jpeg', 'jpeg')).toBe(true);
    expect(extensionMatches('program.exe.pdf', 'pdf')).toBe(true);
    expect(extensionMatches('raport.pdf.exe', 'pdf')).toBe(false);
    expect(extensionMatches('prowizje.xlsm', 'xlsx')).toBe(false);
    expect(extensionMatches('dane.txt', 'csv')).toBe(false);
    expect(extensionMatches('pdf', 'pdf')).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('offers the file as an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Prowizje Łódź – październik.pdf')).toBe(
      `attachment; filename="Prowizje Lodz _ pazdziernik.pdf"; filename*=UTF-8''Prowizje%20%C5%81%C3%B3d%C5%BA%20%E2%80%93%20pa%C5%BAdziernik.pdf`,
    );
  });

  it('transliterates every Polish letter', () => {
    expect(contentDisposition('ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ.csv')).toMatch(
      /^attachment; filename="acelnoszz ACELNOSZZ.csv";/,
    );
  });

  it('neutralises quotes, backslashes, percent signs and header injection', () => {
    const value = contentDisposition('a"b\\c%41\r\nSet-Cookie: x=1.pdf');
    expect(value).toMatch(/^attachment; filename="a_b_c_41__Set-Cookie: x=1.pdf"; filename\*=UTF-8''/);
    expect(value).not.toMatch(/[\r\n]/);
  });

  it('encodes the characters RFC 5987 does not allow bare', () => {
    expect(contentDisposition("it's (1)*.pdf")).toContain(`filename*=UTF-8''it%27s%20%281%29%2A.pdf`);
  });

  it('always produces a single-line, printable ASCII header value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (name) => {
        const value = contentDisposition(name);
        expect(value).toMatch(
          /^attachment; filename="[\x20\x21\x23-\x5b\x5d-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
        );
      }),
    );
  });
});
