import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Invoice, InvoiceFinding, InvoiceUploadFields } from '../../../shared/api/invoices.js';
import { maskPesel } from '../../../shared/identifiers.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { invoices, settlementPeriods, statements } from '../../db/schema/settlements.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { FileKind } from '../../uploads/inspection.js';
import { findAgency } from '../agencies/agencies.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import { findCollaborator } from '../collaborators/collaborators.repository.js';
import type { DocumentStoreService } from '../documents/document-store.js';
import { findCollaboratorRecipient, listFilesOfDocument } from '../documents/documents.repository.js';
import type { GeneratedDocuments } from '../documents/generated-documents.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import { nextNumbers } from '../settlements/periods.repository.js';
import { hasOpenDispute, lockStatement } from '../settlements/statements.repository.js';
import { renderBillPdf } from '../statements/render/bill-pdf.js';
import { renderSelfBillingInvoicePdf } from '../statements/render/self-billing-invoice-pdf.js';
import { compareInvoiceWithStatement } from './ksef/fa3-check.js';
import { isFa3Error } from './ksef/fa3-error.js';
import { formatFa3Amount } from './ksef/fa3-format.js';
import { readFa3Invoice } from './ksef/fa3-reader.js';
import { DEFAULT_EXEMPTION_BASIS, writeFa3Invoice } from './ksef/fa3-writer.js';
import { normalizeKsefNumber } from './ksef/ksef-number.js';

type StatementRow = typeof statements.$inferSelect;
type PeriodRow = typeof settlementPeriods.$inferSelect;

const monthNames = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

function periodName(period: Pick<PeriodRow, 'dateFrom' | 'dateTo'>): string {
  const month = Number(period.dateTo.slice(5, 7));
  const isMonth =
    period.dateFrom.endsWith('-01') && period.dateFrom.slice(0, 7) === period.dateTo.slice(0, 7);
  return isMonth
    ? `${monthNames[month - 1] ?? ''} ${period.dateTo.slice(0, 4)}`
    : `${period.dateFrom} – ${period.dateTo}`;
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;

export function createInvoiceService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  store: DocumentStoreService;
  generated: GeneratedDocuments;
  notifications: NotificationService;
}) {
  const { db, clock, audit, generated, notifications } = deps;

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    statementId: string,
    details?: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'statement', id: statementId },
      ip: actor.client.ip,
      details,
    });
  }

  /**
   * The statement as the actor may see it: staff any of the agency's, a collaborator their own published ones.
   * `lock`: the statement row is locked for the rest of the transaction first and then read afresh, so a correction,
   * dispute, payment or close (which locks its period's statements) that comes at the same moment waits, or has
   * already happened and is seen.
   */
  async function visibleStatement(
    tx: Tx,
    actor: Actor,
    statementId: string,
    options: { lock?: boolean } = {},
  ) {
    if (options.lock) {
      await lockStatement(tx, actor.agencyId, statementId);
    }
    const [row] = await tx
      .select({ statement: statements, period: settlementPeriods })
      .from(statements)
      .innerJoin(settlementPeriods, eq(settlementPeriods.id, statements.periodId))
      .where(and(eq(statements.agencyId, actor.agencyId), eq(statements.id, statementId)));
    const isOwn = actor.role !== 'collaborator' || row?.statement.collaboratorId === actor.collaboratorId;
    if (!row || !isOwn || (actor.role === 'collaborator' && !row.statement.publishedAt)) {
      throw new AppError('not_found', 'Statement not found');
    }
    return row;
  }

  /** A statement whose invoice may still change: its current version, in a period that is not closed (locked). */
  async function changeableStatement(tx: Tx, actor: Actor, statementId: string) {
    const row = await visibleStatement(tx, actor, statementId, { lock: true });
    if (!row.statement.isCurrent) {
      throw new AppError('statement_superseded', 'A newer version of this statement exists');
    }
    if (row.period.status === 'closed') {
      throw new AppError('period_closed', 'The period is closed: everything in it is read-only');
    }
    return row;
  }

  /**
   * The current, published statement the invoice answers, and what it expects; checked before anything is stored and
   * again, with the rows locked, in the transaction that records the invoice. `own`: the collaborator's own invoice;
   * `drafted`: a bill or self-billed invoice the agency drafts.
   */
  async function loadContext(tx: Tx, actor: Actor, statementId: string, expected: 'own' | 'drafted') {
    const { statement, period } = await changeableStatement(tx, actor, statementId);
    if (!statement.publishedAt) {
      throw new AppError('statement_not_published', 'The statement is not published yet');
    }
    if (statement.amountDue <= 0) {
      throw new AppError('nothing_to_pay', 'Nothing is due on this statement, so no invoice is needed');
    }
    const [live] = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.statementId, statement.id), ne(invoices.status, 'void')));
    if (live) {
      throw new AppError('invoice_exists', 'This statement already has an invoice; void it first', {
        invoiceId: live.id,
      });
    }
    const agency = await findAgency(tx, actor.agencyId);
    const person = (await findCollaborator(tx, actor.agencyId, statement.collaboratorId))?.collaborator;
    if (!agency || !person) {
      throw new AppError('not_found', 'Statement not found');
    }
    const drafted = person.taxMode === 'bill' || person.selfBilling;
    if (expected === 'own' && drafted) {
      throw new AppError(
        'invoice_not_expected',
        'This collaborator is settled with a bill or a self-billed invoice',
      );
    }
    if (expected === 'drafted' && !drafted) {
      throw new AppError('invoice_not_expected', 'This collaborator sends their own invoice');
    }
    // The collaborator's invoice answers an accepted statement with no open dispute, not paid yet. Staff may
    // record one they received otherwise at any time before the period closes.
    if (expected === 'own' && actor.role === 'collaborator') {
      if (statement.paidOn !== null) {
        throw new AppError('statement_paid', 'This statement is already paid');
      }
      if (statement.acceptedAt === null) {
        throw new AppError('statement_not_accepted', 'Accept the statement before sending its invoice');
      }
      if (await hasOpenDispute(tx, statement.id)) {
        throw new AppError('statement_disputed', 'The statement has an open dispute; wait for its answer');
      }
    }
    return { statement, period, agency, person };
  }

  async function insertInvoice(tx: Tx, row: typeof invoices.$inferInsert) {
    try {
      await tx.insert(invoices).values(row);
    } catch (error) {
      if (violatedUniqueConstraint(error) !== null) {
        throw new AppError('invoice_exists', 'This statement already has an invoice');
      }
      throw error;
    }
  }

  function mismatches(findings: InvoiceFinding[]) {
    return findings.filter((finding) => finding.severity === 'mismatch');
  }

  /** A difference blocks the collaborator; only the owner may accept it, with a reason. */
  function checkFindings(actor: Actor, findings: InvoiceFinding[], differenceReason: string | undefined) {
    if (mismatches(findings).length === 0) {
      return null;
    }
    if (actor.role !== 'owner' || !differenceReason) {
      throw new AppError('invoice_mismatch', 'The invoice does not match the statement', { findings });
    }
    return differenceReason;
  }

  async function readInvoice(actor: Actor, id: string): Promise<Invoice> {
    return db.tenant(actor, async (tx) => {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, id));
      if (!row) {
        throw new Error('An invoice just written cannot be read back');
      }
      return present(tx, row);
    });
  }

  async function present(tx: Tx, row: typeof invoices.$inferSelect): Promise<Invoice> {
    const files = row.documentId ? await listFilesOfDocument(tx, row.documentId) : [];
    return {
      id: row.id,
      statementId: row.statementId,
      kind: row.kind,
      status: row.status,
      number: row.number,
      issueDate: row.issueDate,
      amount: row.amount,
      ksefNumber: row.ksefNumber,
      documentId: row.documentId,
      files: files.map((file) => ({
        id: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes ?? 0,
      })),
      findings: (row.findings ?? []) as InvoiceFinding[],
      differenceReason: row.differenceReason,
      approvedAt: row.approvedAt,
      createdAt: row.createdAt,
    };
  }

  async function storeFile(
    actor: Actor,
    statement: StatementRow,
    title: string,
    fileName: string,
    source: Readable,
    kinds: readonly FileKind[],
    within: (tx: Tx, documentId: string) => Promise<void>,
  ): Promise<void> {
    const upload = await deps.store.beginUpload(
      actor,
      {
        collaboratorId: statement.collaboratorId,
        title,
        periodMonth: statement.createdAt.toISOString().slice(0, 7),
      },
      { origin: actor.role === 'collaborator' ? 'collaborator' : 'agency', kinds },
    );
    try {
      await upload.addFile(fileName, source);
      await upload.commit((tx) => within(tx, upload.documentId));
    } catch (error) {
      await upload.abort(error);
      throw error;
    }
  }

  return {
    /** 404 for a statement the actor may not see, before anything is read from the request. */
    async requireStatement(actor: Actor, statementId: string): Promise<void> {
      await db.tenant(actor, async (tx) => {
        await visibleStatement(tx, actor, statementId);
      });
    },

    async current(actor: Actor, statementId: string): Promise<Invoice | null> {
      return db.tenant(actor, async (tx) => {
        await visibleStatement(tx, actor, statementId);
        const conditions = [eq(invoices.agencyId, actor.agencyId), eq(invoices.statementId, statementId)];
        if (actor.role === 'collaborator') {
          conditions.push(eq(invoices.collaboratorId, actor.collaboratorId ?? ''));
        }
        const [row] = await tx
          .select()
          .from(invoices)
          .where(and(...conditions))
          // The live one if there is one (at most one is), else the latest set aside.
          .orderBy(sql`${invoices.status} = 'void'`, desc(invoices.createdAt))
          .limit(1);
        return row ? present(tx, row) : null;
      });
    },

    /**
     * An invoice sent back against a statement: a PDF or image with its number, date and amount typed in, or a KSeF
     * FA(3) XML read and checked field by field. A difference is refused, unless the owner records it with a reason.
     */
    async submit(
      actor: Actor,
      statementId: string,
      fields: InvoiceUploadFields,
      fileName: string,
      source: Readable,
    ) {
      let context;
      try {
        context = await db.tenant(actor, (tx) => loadContext(tx, actor, statementId, 'own'));
      } catch (error) {
        source.resume();
        throw error;
      }
      const { statement, period, agency, person } = context;
      let number: string;
      let issueDate: string;
      let amount: number;
      let ksefNumber: string | null = null;
      let findings: InvoiceFinding[];
      let body: Readable | Buffer = source;
      if (fields.kind === 'document') {
        number = fields.number;
        issueDate = fields.issueDate;
        amount = fields.amount;
        findings =
          amount === statement.amountDue
            ? []
            : [
                {
                  field: 'total',
                  expected: formatFa3Amount(statement.amountDue),
                  actual: formatFa3Amount(amount),
                  severity: 'mismatch',
                },
              ];
      } else {
        const xml = await readLimited(source, 5 * 1024 * 1024);
        let parsed;
        try {
          parsed = readFa3Invoice(xml, { ksefNumber: fields.ksefNumber ? fields.ksefNumber : null });
        } catch (error) {
          if (isFa3Error(error)) {
            throw new AppError('invoice_xml_invalid', 'The XML is not a readable FA(3) invoice', {
              reason: error.code,
              ...(error.details && 'field' in error.details ? { field: error.details.field } : {}),
            });
          }
          throw error;
        }
        number = parsed.number;
        issueDate = parsed.issueDate;
        amount = parsed.total;
        ksefNumber = parsed.ksefNumber ? normalizeKsefNumber(parsed.ksefNumber) : null;
        findings = compareInvoiceWithStatement(parsed, {
          sellerNip: person.nip ?? '',
          buyerNip: agency.nip,
          amountDue: statement.amountDue,
          periodFrom: period.dateFrom,
          periodTo: period.dateTo,
          isSelfBilling: false,
        });
        body = xml;
      }
      let differenceReason: string | null;
      try {
        differenceReason = checkFindings(actor, findings, fields.differenceReason);
      } catch (error) {
        if (!Buffer.isBuffer(body)) {
          body.resume();
        }
        throw error;
      }
      const id = randomUUID();
      await storeFile(
        actor,
        statement,
        `Faktura ${number}`,
        fileName,
        Buffer.isBuffer(body) ? Readable.from([body]) : body,
        // A scan or PDF of the invoice, or the e-invoice itself: nothing else stands for an invoice.
        fields.kind === 'document' ? ['pdf', 'png', 'jpeg'] : ['xml'],
        // Recorded with the document, after the same checks with the statement locked: a correction, dispute,
        // payment or close that came while the file was stored refuses the invoice, and the file goes with it.
        async (tx, documentId) => {
          await loadContext(tx, actor, statementId, 'own');
          await insertInvoice(tx, {
            id,
            agencyId: actor.agencyId,
            statementId: statement.id,
            collaboratorId: statement.collaboratorId,
            kind: fields.kind === 'document' ? 'uploaded' : 'ksef_xml',
            status: 'submitted',
            number,
            issueDate,
            amount,
            ksefNumber,
            documentId,
            findings,
            differenceReason,
            differenceAcceptedBy: differenceReason ? actor.userId : null,
            createdBy: actor.userId,
            createdAt: clock.now(),
          });
          await record(tx, actor, 'invoice.submitted', statement.id, {
            invoiceId: id,
            kind: fields.kind,
            differenceAccepted: differenceReason ? 1 : 0,
          });
        },
      );
      return readInvoice(actor, id);
    },

    /**
     * The agency drafts the document for the collaborator: a bill for a civil-law contract, or, under a self-billing
     * agreement, an invoice (PDF and FA(3) XML with P_17 = 1). Either waits for the collaborator's approval.
     */
    async draft(actor: Actor, statementId: string): Promise<Invoice> {
      const context = await db.tenant(actor, (tx) => loadContext(tx, actor, statementId, 'drafted'));
      const { statement, period, agency, person } = context;
      const isBill = person.taxMode === 'bill';
      const now = clock.now();
      const issueDate = now.toISOString().slice(0, 10);
      const year = Number(issueDate.slice(0, 4));
      const series = isBill ? 'RACH' : 'FS';
      const first = await db.tenant(actor, (tx) => nextNumbers(tx, actor.agencyId, series, year, 1));
      const number = `${series}/${year}/${String(first).padStart(5, '0')}`;
      const title = `Wynagrodzenie prowizyjne za ${periodName(period)} (${statement.number})`;
      const files = [];
      if (isBill) {
        files.push({
          fileName: `rachunek-${number.replace(/\//g, '-')}.pdf`,
          contentType: 'application/pdf',
          content: await renderBillPdf({
            number,
            issuedOn: issueDate,
            period: { from: period.dateFrom, to: period.dateTo },
            payer: { name: agency.name, nip: agency.nip, regon: agency.regon, address: agency.address },
            contractor: {
              fullName: person.fullName,
              address: person.address,
              pesel: person.pesel ? maskPesel(person.pesel) : null,
              nip: person.nip,
              iban: person.iban,
            },
            title,
            amount: statement.amountDue,
            note: null,
          }),
        });
      } else {
        if (!person.nip || !person.address || !agency.address) {
          throw new AppError('address_required', 'A self-billed invoice needs both addresses and the NIP', {
            field: !person.nip ? 'nip' : !person.address ? 'collaborator.address' : 'agency.address',
          });
        }
        const lines = [
          { name: `Usługi pośrednictwa ubezpieczeniowego – ${title}`, amount: statement.amountDue },
        ];
        files.push(
          {
            fileName: `faktura-${number.replace(/\//g, '-')}.pdf`,
            contentType: 'application/pdf',
            content: await renderSelfBillingInvoicePdf({
              number,
              issuedOn: issueDate,
              saleFrom: period.dateFrom,
              saleTo: period.dateTo,
              seller: { name: person.fullName, nip: person.nip, address: person.address, iban: person.iban },
              buyer: { name: agency.name, nip: agency.nip, address: agency.address },
              lines,
              total: statement.amountDue,
              exemptionBasis: DEFAULT_EXEMPTION_BASIS,
              acceptedOn: null,
            }),
          },
          {
            fileName: `faktura-${number.replace(/\//g, '-')}.xml`,
            contentType: 'application/xml',
            content: Buffer.from(
              writeFa3Invoice({
                seller: {
                  nip: person.nip,
                  name: person.fullName,
                  address: { line1: person.address, countryCode: 'PL' },
                },
                buyer: {
                  nip: agency.nip,
                  name: agency.name,
                  address: { line1: agency.address, countryCode: 'PL' },
                },
                number,
                issueDate,
                periodFrom: period.dateFrom,
                periodTo: period.dateTo,
                lines,
                total: statement.amountDue,
                isSelfBilling: true,
                ...(person.iban ? { payment: { bankAccount: person.iban } } : {}),
                createdAt: now,
              }),
              'utf8',
            ),
          },
        );
      }
      const scope: TenantScope = {
        agencyId: actor.agencyId,
        userId: actor.userId,
        role: actor.role,
        collaboratorId: null,
      };
      const id = randomUUID();
      const document = {
        collaboratorId: statement.collaboratorId,
        title: isBill ? `Rachunek ${number}` : `Faktura ${number} (samofakturowanie)`,
        periodMonth: period.dateTo.slice(0, 7),
        files,
      };
      // Published and recorded in the transaction that stores it, after the same checks with the statement locked:
      // a correction or close that came while it was drafted refuses it, and the stored files go with it.
      await generated.storeMany(scope, [document], async (tx, [stored]) => {
        if (!stored) {
          throw new Error('A drafted document was not stored');
        }
        await loadContext(tx, actor, statementId, 'drafted');
        await generated.publish(tx, actor.agencyId, [stored.documentId], clock.now());
        await insertInvoice(tx, {
          id,
          agencyId: actor.agencyId,
          statementId: statement.id,
          collaboratorId: statement.collaboratorId,
          kind: isBill ? 'bill' : 'self_billing',
          status: 'awaiting_approval',
          number,
          issueDate,
          amount: statement.amountDue,
          documentId: stored.documentId,
          findings: [],
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        const recipient = await findCollaboratorRecipient(tx, actor.agencyId, statement.collaboratorId);
        if (recipient) {
          await notifications.enqueue(tx, {
            agencyId: actor.agencyId,
            to: recipient.email,
            template: 'document_waiting',
            locale: recipient.locale,
          });
        }
        await record(tx, actor, 'invoice.drafted', statement.id, {
          invoiceId: id,
          kind: isBill ? 'bill' : 'self_billing',
        });
      });
      notifications.requestDelivery();
      return readInvoice(actor, id);
    },

    /** The collaborator approves the bill or invoice the agency drafted for them. */
    async approve(actor: Actor, invoiceId: string) {
      await db.tenant(actor, async (tx) => {
        const own = (lock: boolean) => {
          const query = tx
            .select()
            .from(invoices)
            .where(
              and(
                eq(invoices.agencyId, actor.agencyId),
                eq(invoices.id, invoiceId),
                eq(invoices.collaboratorId, actor.collaboratorId ?? ''),
              ),
            );
          return lock ? query.for('update') : query;
        };
        const awaitingApproval = (row: typeof invoices.$inferSelect | undefined) => {
          if (!row) {
            throw new AppError('not_found', 'Invoice not found');
          }
          if (row.status !== 'awaiting_approval') {
            throw new AppError('invoice_state_conflict', 'This document does not wait for approval', {
              status: row.status,
            });
          }
          return row;
        };
        const { statementId } = awaitingApproval((await own(false))[0]);
        // The statement first, then the invoice (the order every writer of both takes), and the state checked
        // again under the lock: a void or correction that came in between wins.
        await changeableStatement(tx, actor, statementId);
        awaitingApproval((await own(true))[0]);
        await tx
          .update(invoices)
          .set({ status: 'approved', approvedAt: clock.now(), approvedBy: actor.userId })
          .where(eq(invoices.id, invoiceId));
        await record(tx, actor, 'invoice.approved', statementId, { invoiceId });
      });
    },

    /** Staff set an invoice aside (wrong file, a new draft needed); a new one can then be sent or drafted. */
    async voidInvoice(actor: Actor, invoiceId: string, reason: string) {
      await db.tenant(actor, async (tx) => {
        const [target] = await tx
          .select({ statementId: invoices.statementId })
          .from(invoices)
          .where(and(eq(invoices.agencyId, actor.agencyId), eq(invoices.id, invoiceId)));
        if (!target) {
          throw new AppError('not_found', 'Invoice not found');
        }
        const { period } = await visibleStatement(tx, actor, target.statementId, { lock: true });
        if (period.status === 'closed') {
          throw new AppError('period_closed', 'The period is closed: everything in it is read-only');
        }
        const updated = await tx
          .update(invoices)
          .set({ status: 'void', voidedAt: clock.now() })
          .where(
            and(
              eq(invoices.agencyId, actor.agencyId),
              eq(invoices.id, invoiceId),
              ne(invoices.status, 'void'),
            ),
          )
          .returning({ statementId: invoices.statementId });
        const statementId = updated[0]?.statementId;
        if (!statementId) {
          throw new AppError('not_found', 'Invoice not found');
        }
        await record(tx, actor, 'invoice.voided', statementId, { invoiceId, reason });
      });
    },
  };
}

async function readLimited(source: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      source.resume();
      throw new AppError('payload_too_large', `An FA(3) XML invoice is at most ${maxBytes} bytes`, {
        maxBytes,
      });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
