import { describe, expect, it } from 'vitest';
import { mailTemplates, renderMail } from './templates.js';
import type { MailContext, MailTemplate } from './templates.js';

const baseUrl = 'https://sejf.agencja-przyklad.pl';
const code = 'ABCD-EFGH-JKLM';
const locales = ['pl', 'en'] as const;
const cases = mailTemplates.flatMap((template) => locales.map((locale) => ({ template, locale })));

function contextFor(template: MailTemplate): MailContext {
  return template === 'invitation' ? { baseUrl, invitationCode: code } : { baseUrl };
}

describe('renderMail', () => {
  it.each(cases)(
    '$template ($locale) names the address as text and links nowhere',
    ({ template, locale }) => {
      const mail = renderMail(template, locale, contextFor(template));
      for (const part of [mail.subject, mail.text, mail.html]) {
        const urls = part.match(/\b(?:https?:|www\.)[^\s<>"']*/gi) ?? [];
        expect(urls.every((url) => url === baseUrl)).toBe(true);
        expect(part).not.toMatch(/<a[\s>]/i);
        expect(part).not.toMatch(/href|src\s*=|url\(|<img|<link|<script|<iframe|@import/i);
      }
      expect(mail.text).toContain(baseUrl);
      expect(mail.html).toContain(baseUrl);
      expect(mail.text).not.toMatch(/[<>]/);
      expect(mail.subject).not.toMatch(/\n/);
      expect(mail.html).toContain(`<html lang="${locale}">`);
    },
  );

  it.each(cases)(
    '$template ($locale) carries the invitation code only when it is an invitation',
    ({ template, locale }) => {
      const mail = renderMail(template, locale, contextFor(template));
      const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
      expect(all.includes(code)).toBe(template === 'invitation');
      expect(all.match(/[A-Z0-9]{4}(?:-[A-Z0-9]{4})+/g) ?? []).toEqual(
        template === 'invitation' ? [code, code] : [],
      );
    },
  );

  it.each(cases)('$template ($locale) warns about phishing', ({ template, locale }) => {
    const { text } = renderMail(template, locale, contextFor(template));
    expect(text).toMatch(
      locale === 'pl'
        ? /Sejf nigdy nie prosi o podanie hasła ani kodów.*zawsze wpisuj jego adres samodzielnie/s
        : /Sejf never asks for your password or codes.*always type its address yourself/s,
    );
  });

  it('writes Polish with diacritics', () => {
    expect(renderMail('document_waiting', 'pl', { baseUrl }).text).toContain(
      'W Sejfie czeka na Ciebie nowy dokument.',
    );
    expect(renderMail('password_changed', 'pl', { baseUrl }).subject).toBe(
      'Hasło do Sejfu zostało zmienione',
    );
  });

  it('tells the invited person to type the address, choose the invitation option and enter e-mail and code', () => {
    const pl = renderMail('invitation', 'pl', { baseUrl, invitationCode: code }).text;
    expect(pl).toContain('wpisz samodzielnie w przeglądarce adres Sejfu');
    expect(pl).toContain('„Mam kod zaproszenia”');
    expect(pl).toContain('swój adres e-mail i ten kod zaproszenia');
    expect(pl).toContain('ważny przez 72 godziny');
    const en = renderMail('invitation', 'en', { baseUrl, invitationCode: code }).text;
    expect(en).toContain('“I have an invitation code”');
    expect(en).toContain('valid for 72 hours');
    expect(`${pl}${en}`).not.toMatch(/klik|click/i);
  });

  it('tells the person to revoke the session and change the password after an unknown login', () => {
    const pl = renderMail('new_device_login', 'pl', { baseUrl }).text;
    expect(pl).toMatch(/zakończ nieznaną sesję.*zmień hasło/s);
    expect(renderMail('new_device_login', 'en', { baseUrl }).text).toMatch(
      /end the unknown session.*change your password/s,
    );
  });

  it('shows a base URL with a path without a trailing slash, and escapes it in HTML', () => {
    const mail = renderMail('document_waiting', 'en', { baseUrl: 'https://example.pl/sejf/' });
    expect(mail.text).toContain('https://example.pl/sejf\n');
    expect(renderMail('document_waiting', 'en', { baseUrl: 'https://example.pl/' }).text).toContain(
      'https://example.pl\n',
    );
    expect(renderMail('document_waiting', 'en', { baseUrl: "https://example.pl/a'b" }).html).toContain(
      'https://example.pl/a&#39;b',
    );
  });

  it('accepts nothing but the fixed address and a well-formed code', () => {
    expect(() => renderMail('invitation', 'pl', { baseUrl })).toThrow(/invitation code/);
    expect(() => renderMail('document_waiting', 'pl', { baseUrl, invitationCode: code })).toThrow(
      /invitation code/,
    );
    expect(() =>
      renderMail('invitation', 'pl', { baseUrl, invitationCode: 'Jan Kowalski 1234,56 zł' }),
    ).toThrow(/Malformed/);
    expect(() => renderMail('invitation', 'pl', { baseUrl, invitationCode: '<b>X</b>' })).toThrow(
      /Malformed/,
    );
    expect(() => renderMail('document_waiting', 'pl', { baseUrl: 'https://sejf.pl/?doc=123' })).toThrow(
      /query/,
    );
    expect(() => renderMail('document_waiting', 'pl', { baseUrl: 'https://sejf.pl/#token' })).toThrow(
      /query/,
    );
    expect(() => renderMail('document_waiting', 'pl', { baseUrl: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => renderMail('document_waiting', 'pl', { baseUrl: 'https://user:pass@sejf.pl' })).toThrow(
      /http/,
    );
  });

  it('ignores anything else a caller manages to pass in the context', () => {
    const context = { baseUrl, name: 'Jan Kowalski', amount: '1234,56 zł', fileName: 'prowizje-2026-10.pdf' };
    const mail = renderMail('document_waiting', 'pl', context);
    expect(JSON.stringify(mail)).not.toMatch(/Kowalski|1234|prowizje-2026/);
  });
});

describe('invitation validity', () => {
  it.each([
    [72, 'pl', 'ważny przez 72 godziny'],
    [48, 'pl', 'ważny przez 48 godzin'],
    [1, 'pl', 'ważny przez 1 godzinę'],
    [24, 'en', 'valid for 24 hours'],
    [1, 'en', 'valid for 1 hour'],
  ] as const)('says %i hours in %s', (hours, locale, expected) => {
    const mail = renderMail('invitation', locale, {
      baseUrl: 'https://sejf.example.pl',
      invitationCode: 'ABCD-EFGH-JKMN',
      invitationValidHours: hours,
    });
    expect(mail.text).toContain(expected);
  });
});
