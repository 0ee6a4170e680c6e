import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addMinutes, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { mailTemplates, renderMail, type MailTemplate } from '../../mail/templates.js';
import type { MailTransport } from '../../mail/transport.js';
import { claimUnsent, insertOutboxRow, listAgencyOutbox, markFailed, markSent } from './outbox.repository.js';

const maxAttempts = 20;
/** How long a sender holds a message it is sending. */
const claimMinutes = 5;
const paramsSchema = z.object({ invitationCode: z.string().optional() });
const templateSchema = z.enum(mailTemplates);

export type Notification = {
  agencyId: string | null;
  to: string;
  template: MailTemplate;
  locale: 'pl' | 'en';
  invitationCode?: string;
};

export type NotificationService = ReturnType<typeof createNotificationService>;

/**
 * E-mail goes through an outbox: a message is written in the same transaction as the action that
 * causes it (so an invitation never exists without its e-mail, nor the reverse), and a job delivers
 * it. The only parameter a template takes, an invitation code, is stored encrypted and erased
 * once the message is sent.
 */
export function createNotificationService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'seal' | 'open'>;
  transport: MailTransport;
  config: Pick<Config, 'publicUrl' | 'invitationTtlHours'>;
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Asks the job runner to deliver soon; the periodic schedule is the safety net. */
  requestDelivery: () => void;
}) {
  const { db, keyring, transport, config, clock } = deps;
  const baseUrl = config.publicUrl.origin;

  function readParams(id: string, sealed: Buffer | null): z.infer<typeof paramsSchema> {
    if (!sealed) {
      return {};
    }
    return paramsSchema.parse(JSON.parse(keyring.open('outbox-params', id, sealed).toString('utf8')));
  }

  return {
    async enqueue(tx: Tx, notification: Notification): Promise<void> {
      const id = randomUUID();
      const params = notification.invitationCode ? { invitationCode: notification.invitationCode } : null;
      await insertOutboxRow(tx, {
        id,
        agencyId: notification.agencyId,
        toEmail: notification.to,
        template: notification.template,
        locale: notification.locale,
        paramsEncrypted: params
          ? keyring.seal('outbox-params', id, Buffer.from(JSON.stringify(params), 'utf8'))
          : null,
        createdAt: clock.now(),
      });
    },

    /** Call after the transaction that enqueued has committed. */
    requestDelivery(): void {
      deps.requestDelivery();
    },

    /** Sends what waits in the outbox; returns how many were sent. */
    /** Sends what waits in the outbox; returns how many were sent. No transaction is open while sending. */
    async deliverPending(limit = 50): Promise<number> {
      if (transport.kind === 'outbox') {
        return 0;
      }
      let sent = 0;
      for (;;) {
        const now = clock.now();
        const rows = await db.system((tx) =>
          claimUnsent(tx, { limit, maxAttempts, now, until: addMinutes(now, claimMinutes) }),
        );
        let sentNow = 0;
        for (const row of rows) {
          try {
            const params = readParams(row.id, row.paramsEncrypted);
            const mail = renderMail(templateSchema.parse(row.template), row.locale, {
              baseUrl,
              ...(params.invitationCode
                ? { invitationCode: params.invitationCode, invitationValidHours: config.invitationTtlHours }
                : {}),
            });
            await transport.send(row.toEmail, mail);
            await db.system((tx) => markSent(tx, row.id, clock.now()));
            sentNow++;
          } catch (error) {
            // SMTP errors quote the recipient; the outbox row and the log do not need the address again.
            const message = (error instanceof Error ? error.message : String(error)).replace(
              /[^\s<>"@]+@[^\s<>"@]+/g,
              '[address]',
            );
            deps.logger.warn(
              { outboxId: row.id, attempt: row.attempts, err: message },
              'mail delivery failed',
            );
            // The next try waits a minute per attempt so far (at most an hour).
            const retryAt = addMinutes(clock.now(), Math.min(row.attempts, 60));
            await db.system((tx) => markFailed(tx, row.id, message, retryAt));
          }
        }
        sent += sentNow;
        // A batch that sent nothing (the mail server is down) waits for the next run.
        if (rows.length < limit || sentNow === 0) {
          return sent;
        }
      }
    },

    /** Development without SMTP: the owner reads the agency's messages here instead of a mailbox. */
    async listDevOutbox(scope: TenantScope) {
      if (transport.kind !== 'outbox') {
        throw new AppError('not_found', 'The development outbox is off: mail goes through SMTP');
      }
      const rows = await db.tenant(scope, (tx) => listAgencyOutbox(tx, scope.agencyId, 100));
      return rows.map((row) => {
        const params = readParams(row.id, row.paramsEncrypted);
        const mail = renderMail(templateSchema.parse(row.template), row.locale, {
          baseUrl,
          ...(params.invitationCode
            ? { invitationCode: params.invitationCode, invitationValidHours: config.invitationTtlHours }
            : {}),
        });
        return {
          id: row.id,
          to: row.toEmail,
          template: row.template,
          subject: mail.subject,
          text: mail.text,
          createdAt: row.createdAt,
          sentAt: row.sentAt,
        };
      });
    },
  };
}
