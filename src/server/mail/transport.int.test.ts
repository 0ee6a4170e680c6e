import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpPeer } from '../../../test/support/smtp-peer.js';
import type { SmtpPeer } from '../../../test/support/smtp-peer.js';
import { mailTemplates, renderMail } from './templates.js';
import type { MailTemplate } from './templates.js';
import { createMailTransport } from './transport.js';
import type { MailTransport } from './transport.js';
import { decodeBody, decodeHeader, parsePart, partsOf } from '../../../test/support/mime.js';

const baseUrl = 'https://sejf.agencja-przyklad.pl';
const from = 'Sejf <no-reply@agencja-przyklad.pl>';
const code = 'ABCD-EFGH-JKLM';

describe('SMTP mail transport against a real SMTP server', () => {
  let peer: SmtpPeer;
  let transport: MailTransport;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    transport = createMailTransport(
      { kind: 'smtp', url: peer.url, from, requireTls: false },
      { warn: vi.fn(), info: vi.fn(), error: vi.fn() },
    );
  });

  afterAll(async () => {
    transport.close();
    await peer.stop();
  });

  it('verifies the connection', async () => {
    await expect(transport.verify()).resolves.toBeUndefined();
  });

  it('refuses to send in clear text when TLS is required and the server offers no STARTTLS', async () => {
    const strict = createMailTransport(
      { kind: 'smtp', url: peer.url, from, requireTls: true },
      { warn: vi.fn(), info: vi.fn(), error: vi.fn() },
    );
    try {
      const before = peer.messages().length;
      await expect(
        strict.send('ktos@example.pl', renderMail('password_changed', 'pl', { baseUrl })),
      ).rejects.toThrow();
      expect(peer.messages()).toHaveLength(before);
    } finally {
      strict.close();
    }
  });

  const cases = mailTemplates.flatMap((template) =>
    (['pl', 'en'] as const).map((locale) => ({ template, locale })),
  );

  it.each(cases)(
    'delivers $template ($locale) with only what it should contain',
    async ({ template, locale }) => {
      const to = `odbiorca+${template}-${locale}@example.pl`;
      const rendered = renderMail(
        template,
        locale,
        template === ('invitation' satisfies MailTemplate) ? { baseUrl, invitationCode: code } : { baseUrl },
      );
      await transport.send(to, rendered);
      const received = await peer.waitFor((mail) => mail.to.includes(to));

      expect(received.from).toBe('no-reply@agencja-przyklad.pl');
      expect(received.to).toEqual([to]);
      const message = parsePart(received.raw);
      expect(message.headers.get('auto-submitted')).toBe('auto-generated');
      expect(message.headers.get('from')).toBe(from);
      expect(message.headers.get('to')).toBe(to);
      expect(decodeHeader(message.headers.get('subject') ?? '')).toBe(rendered.subject);
      expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
      expect(received.raw).not.toMatch(/multipart\/mixed|content-disposition|filename|name=|content-id/i);

      const parts = partsOf(message);
      expect(parts.map((part) => part.headers.get('content-type'))).toEqual([
        'text/plain; charset=utf-8',
        'text/html; charset=utf-8',
      ]);
      const [text, html] = parts.map(decodeBody);
      expect(text?.replace(/\r\n/g, '\n')).toBe(rendered.text);
      expect(html?.replace(/\r\n/g, '\n')).toBe(rendered.html);

      const decoded = `${decodeHeader(message.headers.get('subject') ?? '')}\n${text ?? ''}\n${html ?? ''}`;
      const urls = decoded.match(/\bhttps?:[^\s<>"']*/gi) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((url) => url === baseUrl)).toBe(true);
      expect(decoded.includes(code)).toBe(template === 'invitation');
    },
  );

  it('fails verification when no SMTP server listens', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    const port = address !== null && typeof address !== 'string' ? address.port : 1;
    const unreachable = createMailTransport(
      { kind: 'smtp', url: `smtp://127.0.0.1:${port}`, from, requireTls: false },
      { warn: vi.fn(), info: vi.fn(), error: vi.fn() },
    );
    await expect(unreachable.verify()).rejects.toThrow();
    await expect(
      unreachable.send('someone@example.pl', renderMail('password_changed', 'pl', { baseUrl })),
    ).rejects.toThrow();
    unreachable.close();
  });
});
