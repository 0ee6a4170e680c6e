import { describe, expect, it, vi } from 'vitest';
import { renderMail } from './templates.js';
import { createMailTransport } from './transport.js';

function fakeLogger() {
  return { warn: vi.fn(), info: vi.fn(), error: vi.fn() };
}

const mail = renderMail('document_waiting', 'pl', { baseUrl: 'https://sejf.example.pl' });

describe('createMailTransport', () => {
  it('without SMTP keeps messages in the outbox and says so', async () => {
    const logger = fakeLogger();
    const transport = createMailTransport({ kind: 'outbox', from: 'Sejf <no-reply@localhost>' }, logger);
    expect(transport.kind).toBe('outbox');
    await expect(transport.send('someone@example.pl', mail)).resolves.toBeUndefined();
    await expect(transport.verify()).resolves.toBeUndefined();
    transport.close();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('logs the SMTP host but never the credentials', () => {
    const logger = fakeLogger();
    const transport = createMailTransport(
      {
        kind: 'smtp',
        url: 'smtps://user:s3cret@mail.example.pl:465',
        from: 'Sejf <no-reply@example.pl>',
        requireTls: false,
      },
      logger,
    );
    expect(transport.kind).toBe('smtp');
    expect(JSON.stringify(logger.info.mock.calls)).toContain('mail.example.pl:465');
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain('s3cret');
    transport.close();
  });

  it.each([
    'a@example.pl, b@example.pl',
    'Jan <a@example.pl>',
    'a@example.pl\r\nBcc: b@example.pl',
    'no-at-sign',
    '',
  ])('refuses the recipient %j before connecting', async (to) => {
    const transport = createMailTransport(
      { kind: 'smtp', url: 'smtp://127.0.0.1:1', from: 'Sejf <no-reply@example.pl>', requireTls: false },
      fakeLogger(),
    );
    await expect(transport.send(to, mail)).rejects.toThrow(/one plain e-mail address/);
    transport.close();
  });
});
