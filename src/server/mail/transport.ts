import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { MailConfig } from '../config.js';
import type { RenderedMail } from './templates.js';

export type MailTransport = {
  kind: 'smtp' | 'outbox';
  send(to: string, mail: RenderedMail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
};

export type MailLogger = Pick<Logger, 'warn' | 'info' | 'error'>;

// One plain addr-spec: no display name, no list, no header folding, so nothing can be smuggled
// into the envelope or the headers.
const plainAddress = /^[^\s@,;:<>"()[\]\\]+@[^\s@,;:<>"()[\]\\]+$/;

const automaticHeaders = {
  'Auto-Submitted': 'auto-generated',
  // Keeps Exchange from answering with out-of-office replies.
  'X-Auto-Response-Suppress': 'All',
};

export function createMailTransport(config: MailConfig, logger: MailLogger): MailTransport {
  switch (config.kind) {
    case 'smtp':
      logger.info({ smtp: new URL(config.url).host }, 'E-mail is sent over SMTP');
      return createSmtpTransport(config);
    case 'outbox':
      logger.warn('No SMTP_URL: e-mails stay in the database outbox and are never sent (development only)');
      return {
        kind: 'outbox',
        send: () => Promise.resolve(),
        verify: () => Promise.resolve(),
        close: () => undefined,
      };
  }
}

function createSmtpTransport(config: Extract<MailConfig, { kind: 'smtp' }>): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.url,
    requireTLS: config.requireTls,
    // Messages never reference files or URLs; refuse them should one ever slip in.
    disableFileAccess: true,
    disableUrlAccess: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    kind: 'smtp',
    async send(to, mail) {
      if (!plainAddress.test(to)) {
        throw new Error('A mail recipient must be one plain e-mail address');
      }
      await transporter.sendMail({
        from: config.from,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: [],
        headers: automaticHeaders,
      });
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}
