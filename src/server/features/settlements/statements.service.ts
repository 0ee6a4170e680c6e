import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type {
  CorrectionBody,
  StatementDetail,
  StatementStatus,
  StatementSummary,
} from '../../../shared/api/statements.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { sessions } from '../../db/schema/identity.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { Logger } from '../../logger.js';
import { findAgency } from '../agencies/agencies.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import { findCollaborator } from '../collaborators/collaborators.repository.js';
import { findCollaboratorRecipient, listFilesOfDocument } from '../documents/documents.repository.js';
import type { GeneratedDocumentInput, GeneratedDocuments } from '../documents/generated-documents.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { RenderedStatement, RenderPool } from '../statements/render/render-pool.js';
import type { StatementRenderInput } from '../statements/render/render.types.js';
import { addGrosze } from './engine/checked-sum.js';
import {
  findPeriod,
  findPeriodOutOfOrder,
  insertAdjustment,
  insertStatementLines,
  insertStatements,
  lockAgencyPeriods,
  transitionPeriod,
  type NewStatementLine,
} from './periods.repository.js';
import { balanceOf } from './settlement-computation.js';
import {
  adjustmentsOfCollaborators,
  adjustmentsOfStatement,
  attachStatementDocuments,
  collaboratorRecipients,
  collaboratorsByIds,
  linesOfStatements,
  markStatementsPublished,
  payoutRows,
  rawLinesOfStatement,
  resolveOpenDisputes,
  unpublishedCorrections,
  countLinesOfStatement,
  disputesOfStatements,
  insertDispute,
  insertMessage,
  linesOfStatement,
  listStatementRows,
  lockStatement,
  lockStatementsOfPeriod,
  messagesOfThread,
  statementVersions,
  statementsWithoutDocuments,
  updateStatement,
  voidInvoicesOfStatement,
  type StatementListRow,
} from './statements.repository.js';

/** Statements rendered and stored together (one read and two write transactions), and groups under way at once. */
const STATEMENTS_PER_GROUP = 8;
const GROUPS_AT_ONCE = 3;

const monthLabel = (dateTo: string) => `${dateTo.slice(5, 7)}/${dateTo.slice(0, 4)}`;

function statusOf(row: StatementListRow): StatementStatus {
  const s = row.statement;
  if (!s.publishedAt) {
    return 'prepared';
  }
  if (s.paidAt) {
    return 'paid';
  }
  if (row.openDisputes > 0) {
    return 'disputed';
  }
  if (row.invoiceStatus === 'approved' || row.invoiceStatus === 'submitted') {
    return 'invoiced';
  }
  return s.acceptedAt ? 'accepted' : 'published';
}

function presentSummary(row: StatementListRow): StatementSummary {
  const s = row.statement;
  return {
    id: s.id,
    periodId: s.periodId,
    dateFrom: row.period.dateFrom,
    dateTo: row.period.dateTo,
    collaboratorId: s.collaboratorId,
    collaboratorName: row.collaboratorName,
    number: s.number,
    version: s.version,
    status: statusOf(row),
    lineCount: s.lineCount,
    openingBalance: s.openingBalance,
    linesTotal: s.linesTotal,
    adjustmentsTotal: s.adjustmentsTotal,
    closingBalance: s.closingBalance,
    amountDue: s.amountDue,
    carriedForward: s.carriedForward,
    publishedAt: s.publishedAt,
    acceptedAt: s.acceptedAt,
    paidOn: s.paidOn,
    openDisputes: row.openDisputes,
  };
}

export type StatementService = ReturnType<typeof createStatementService>;

export function createStatementService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  generated: GeneratedDocuments;
  notifications: NotificationService;
  renderer: RenderPool;
  logger: Pick<Logger, 'error' | 'warn'>;
}) {
  const { db, clock, audit, generated, notifications, renderer } = deps;
  /** Generations running in this process, per period (tests and shutdown wait for them). */
  const running = new Map<string, Promise<void>>();

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    target: { type: string; id: string },
    details?: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target,
      ip: actor.client.ip,
      details,
    });
  }

  /**
   * The statement as the actor may see it: staff any of the agency's, a collaborator only their own published ones.
   * `lock`: for a change, the row is locked first and then read.
   */
  async function requireStatement(
    tx: Tx,
    actor: Actor,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<StatementListRow> {
    const isCollaborator = actor.role === 'collaborator';
    if (options.lock) {
      await lockStatement(tx, actor.agencyId, id);
    }
    const [row] = await listStatementRows(tx, actor.agencyId, {
      id,
      currentOnly: false,
      ...(isCollaborator ? { collaboratorId: actor.collaboratorId ?? '', publishedOnly: true } : {}),
    });
    if (!row) {
      throw new AppError('not_found', 'Statement not found');
    }
    return row;
  }

  /** What the renderers need for each statement, read with a few queries for the whole group. */
  async function renderInputs(
    tx: Tx,
    agencyId: string,
    rows: readonly StatementListRow[],
  ): Promise<StatementRenderInput[]> {
    if (rows.length === 0) {
      return [];
    }
    const agency = await findAgency(tx, agencyId);
    const statementsOf = rows.map((row) => row.statement);
    const people = await collaboratorsByIds(
      tx,
      agencyId,
      statementsOf.map((s) => s.collaboratorId),
    );
    const linesById = await linesOfStatements(
      tx,
      statementsOf.map((s) => s.id),
    );
    const allAdjustments = await adjustmentsOfCollaborators(
      tx,
      agencyId,
      statementsOf.map((s) => s.periodId),
      statementsOf.map((s) => s.collaboratorId),
    );
    const inputs: StatementRenderInput[] = [];
    for (const row of rows) {
      const s = row.statement;
      const person = people.get(s.collaboratorId);
      if (!agency || !person || s.agencyId !== agencyId) {
        throw new Error('A statement without its agency or collaborator');
      }
      const lines = linesById.get(s.id) ?? [];
      // As adjustmentsOfStatement: the period's own, plus corrections up to this version.
      const adjustments = allAdjustments.filter(
        (adjustment) =>
          adjustment.periodId === s.periodId &&
          adjustment.collaboratorId === s.collaboratorId &&
          (adjustment.statementVersion === null || adjustment.statementVersion <= s.version),
      );
      const previous =
        s.version > 1
          ? (await statementVersions(tx, s.agencyId, s.periodId, s.collaboratorId)).find(
              (version) => version.version === s.version - 1,
            )
          : undefined;
      inputs.push({
        number: s.number,
        version: s.version,
        supersedes: previous ? { version: previous.version, amountDue: previous.amountDue } : null,
        issuedOn: s.createdAt.toISOString().slice(0, 10),
        period: { from: row.period.dateFrom, to: row.period.dateTo },
        agency: { name: agency.name, nip: agency.nip, regon: agency.regon, address: agency.address },
        collaborator: {
          fullName: person.fullName,
          knfNumber: person.knfNumber,
          nip: person.nip,
          address: person.address,
          taxMode: person.taxMode,
        },
        lines: lines.map((line) => ({
          insurerName: line.insurerName,
          fileName: line.fileName ?? '',
          rowNumber: line.rowNumber,
          policyNumber: line.policyNumber,
          policyholder: line.policyholder,
          product: line.product,
          risk: line.risk,
          lineDate: line.lineDate,
          lineType: line.lineType,
          commission: line.commission,
          basis: line.basis ?? 'agency_commission',
          rate: line.rate,
          base: line.base ?? 0,
          share: line.share,
          rule: line.ruleVersion === null ? 'korekta' : `v${line.ruleVersion}`,
        })),
        adjustments: adjustments.map((adjustment) => ({
          kind: adjustment.kind,
          reason: adjustment.reason,
          amount: adjustment.amount,
        })),
        openingBalance: s.openingBalance,
        linesTotal: s.linesTotal,
        adjustmentsTotal: s.adjustmentsTotal,
        closingBalance: s.closingBalance,
        amountDue: s.amountDue,
        carriedForward: s.carriedForward,
        minimumPayout: agency.minimumPayout,
      });
    }
    return inputs;
  }

  /**
   * Renders the PDF and XLSX of each statement of a group (those without a document yet) and stores them,
   * prepared: the statements are read in one transaction, and the documents with their record on each statement
   * (document and the PDF's hash) written in two.
   */
  async function generateGroup(scope: TenantScope, statementIds: readonly string[]) {
    const prepared = await db.tenant(scope, async (tx) => {
      const rows = (
        await listStatementRows(tx, scope.agencyId, { ids: statementIds, currentOnly: false })
      ).filter((row) => !row.statement.documentId);
      const inputs = await renderInputs(tx, scope.agencyId, rows);
      return rows.map((row, index) => ({ row, input: inputs[index] as StatementRenderInput }));
    });
    if (prepared.length === 0) {
      return;
    }
    // The whole group at once: the render threads take them as they come free.
    const rendered = await Promise.all(prepared.map(({ input }) => renderer.render(input)));
    const documents: GeneratedDocumentInput[] = [];
    for (const [index, { row }] of prepared.entries()) {
      const { pdf, xlsx } = rendered[index] as RenderedStatement;
      const baseName = `zestawienie-${row.statement.number.replace(/\//g, '-')}-v${row.statement.version}`;
      documents.push({
        collaboratorId: row.statement.collaboratorId,
        title: `Zestawienie prowizyjne ${monthLabel(row.period.dateTo)}${row.statement.version > 1 ? ` (wersja ${row.statement.version})` : ''}`,
        periodMonth: row.period.dateTo.slice(0, 7),
        files: [
          { fileName: `${baseName}.pdf`, contentType: 'application/pdf', content: pdf },
          {
            fileName: `${baseName}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content: xlsx,
          },
        ],
      });
    }
    await generated.storeMany(scope, documents, (tx, stored) =>
      attachStatementDocuments(
        tx,
        scope.agencyId,
        stored.map((document, index) => ({
          statementId: prepared[index]?.row.statement.id ?? '',
          documentId: document.documentId,
          sha256: document.files[0]?.sha256 ?? null,
        })),
      ),
    );
  }

  /** Renders one statement's PDF and XLSX and stores them, prepared; records the document and the PDF's hash. */
  async function generateOne(scope: TenantScope, statementId: string) {
    await tracked(generateGroup(scope, [statementId]));
  }

  /** Every group being rendered, whoever started it (a period's generation or the job): shutdown waits for them. */
  const groupsUnderWay = new Set<Promise<void>>();
  function tracked(work: Promise<void>): Promise<void> {
    groupsUnderWay.add(work);
    return work.finally(() => groupsUnderWay.delete(work));
  }

  /**
   * Every statement (of a period) still without its documents, in groups of a few, a few groups at a time: some are
   * rendered while others are read or written. The first failure stops taking new groups and is thrown once the
   * groups under way have finished.
   */
  async function generateAll(scope: TenantScope, periodId?: string) {
    const pending = (await db.tenant(scope, (tx) => statementsWithoutDocuments(tx, periodId)))
      .filter((statement) => statement.agencyId === scope.agencyId)
      .map((statement) => statement.id);
    const groups: string[][] = [];
    for (let start = 0; start < pending.length; start += STATEMENTS_PER_GROUP) {
      groups.push(pending.slice(start, start + STATEMENTS_PER_GROUP));
    }
    let next = 0;
    const failures: unknown[] = [];
    const worker = async () => {
      while (failures.length === 0 && next < groups.length) {
        const group = groups[next] as string[];
        next += 1;
        try {
          await tracked(generateGroup(scope, group));
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(GROUPS_AT_ONCE, groups.length) }, worker));
    if (failures.length > 0) {
      throw failures[0];
    }
  }

  async function secondFactorMethod(tx: Tx, sessionId: string): Promise<string | null> {
    const [row] = await tx
      .select({ method: sessions.secondFactorMethod })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    return row?.method ?? null;
  }

  /** A statement the collaborator can still act on: current, published and its period not closed. */
  function requireActionable(row: StatementListRow) {
    if (!row.statement.isCurrent) {
      throw new AppError('statement_superseded', 'A newer version of this statement exists', {
        version: row.statement.version,
      });
    }
    if (row.period.status === 'closed') {
      throw new AppError('period_closed', 'The period is closed: everything in it is read-only');
    }
  }

  async function notifyCollaborator(
    tx: Tx,
    agencyId: string,
    collaboratorId: string,
    template: 'document_waiting' | 'message_waiting',
  ) {
    const recipient = await findCollaboratorRecipient(tx, agencyId, collaboratorId);
    if (recipient) {
      await notifications.enqueue(tx, { agencyId, to: recipient.email, template, locale: recipient.locale });
    }
  }

  async function diffAgainstPrevious(
    tx: Tx,
    agencyId: string,
    statement: StatementListRow['statement'],
    versions: Awaited<ReturnType<typeof statementVersions>>,
  ): Promise<StatementDetail['diff']> {
    const previous = versions.find((version) => version.version === statement.version - 1);
    if (!previous) {
      return null;
    }
    const lines = await linesOfStatement(tx, statement.id);
    const adjustments = await adjustmentsOfStatement(
      tx,
      agencyId,
      statement.periodId,
      statement.collaboratorId,
      statement.version,
    );
    return {
      previousVersion: previous.version,
      amountDueBefore: previous.amountDue,
      amountDueAfter: statement.amountDue,
      changedLines: lines.flatMap((line) =>
        line.correctedFrom === null
          ? []
          : [
              {
                lineId: line.id,
                policyNumber: line.policyNumber,
                before: line.correctedFrom,
                after: line.share,
                reason: line.correctionReason ?? '',
              },
            ],
      ),
      addedAdjustments: adjustments
        .filter((adjustment) => adjustment.statementVersion === statement.version)
        .map((adjustment) => ({ reason: adjustment.reason, amount: adjustment.amount })),
    };
  }

  /** A corrected version of a statement in a published period goes straight to the collaborator's panel. */
  async function publishCorrection(scope: TenantScope, statementId: string) {
    await db.tenant(scope, async (tx) => {
      const [row] = await listStatementRows(tx, scope.agencyId, { id: statementId, currentOnly: false });
      const documentId = row?.statement.documentId;
      if (!row || !documentId || row.statement.publishedAt || !row.statement.isCurrent) {
        return;
      }
      if (row.period.status !== 'published' && row.period.status !== 'closed') {
        return;
      }
      const now = clock.now();
      await generated.publish(tx, scope.agencyId, [documentId], now);
      await updateStatement(tx, scope.agencyId, statementId, { publishedAt: now });
      await notifyCollaborator(tx, scope.agencyId, row.statement.collaboratorId, 'document_waiting');
    });
    notifications.requestDelivery();
  }

  return {
    /** Starts rendering the statements of a freshly locked period in the background. */
    generateInBackground(actor: Actor, periodId: string) {
      const scope: TenantScope = {
        agencyId: actor.agencyId,
        userId: actor.userId,
        role: actor.role,
        collaboratorId: null,
      };
      const task = generateAll(scope, periodId)
        .catch((error: unknown) => {
          deps.logger.error({ err: error, periodId }, 'statement generation failed; the cleanup job retries');
        })
        .finally(() => running.delete(periodId));
      running.set(periodId, task);
    },

    async settled(periodId?: string) {
      const tasks = periodId ? [running.get(periodId)] : [...running.values()];
      await Promise.all(tasks.filter((task): task is Promise<void> => task !== undefined));
    },

    /**
     * Waits for the renderings under way (a period's, or the job's), then stops the render threads. A job that starts
     * rendering after this fails and leaves its statements to the job of the next start.
     */
    async shutdown() {
      await this.settled();
      await Promise.allSettled([...groupsUnderWay]);
      await renderer.close();
    },

    /** Job: statements whose documents a crash or an error left unrendered. */
    async generatePending() {
      const pending = await db.system((tx) => statementsWithoutDocuments(tx));
      for (const statement of pending) {
        // A period this process is rendering right now is left to that run.
        if (running.has(statement.periodId)) {
          continue;
        }
        await generateOne(
          { agencyId: statement.agencyId, userId: statement.createdBy, role: 'owner', collaboratorId: null },
          statement.id,
        );
      }
      for (const statement of await db.system((tx) => unpublishedCorrections(tx))) {
        await publishCorrection(
          { agencyId: statement.agencyId, userId: statement.createdBy, role: 'owner', collaboratorId: null },
          statement.id,
        );
      }
    },

    async listForPeriod(actor: Actor, periodId: string): Promise<StatementSummary[]> {
      return db.tenant(actor, async (tx) => {
        if (!(await findPeriod(tx, actor.agencyId, periodId))) {
          throw new AppError('not_found', 'Settlement period not found');
        }
        return (await listStatementRows(tx, actor.agencyId, { periodId })).map(presentSummary);
      });
    },

    /** The collaborator's own published statements, newest period first. */
    async listOwn(actor: Actor): Promise<StatementSummary[]> {
      return db.tenant(actor, async (tx) =>
        (
          await listStatementRows(tx, actor.agencyId, {
            collaboratorId: actor.collaboratorId ?? '',
            publishedOnly: true,
          })
        ).map(presentSummary),
      );
    },

    async detail(actor: Actor, id: string): Promise<StatementDetail> {
      return db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id);
        const s = row.statement;
        const lines = await linesOfStatement(tx, s.id);
        const perInsurer = new Map<string, { insurerName: string; lineCount: number; share: number }>();
        for (const line of lines) {
          const entry = perInsurer.get(line.insurerName) ?? {
            insurerName: line.insurerName,
            lineCount: 0,
            share: 0,
          };
          entry.lineCount += 1;
          entry.share += line.share;
          perInsurer.set(line.insurerName, entry);
        }
        const versions = await statementVersions(tx, actor.agencyId, s.periodId, s.collaboratorId);
        const disputes = await disputesOfStatements(
          tx,
          versions.map((version) => version.id),
        );
        const messages = await messagesOfThread(tx, actor.agencyId, s.periodId, s.collaboratorId);
        const person = (await findCollaborator(tx, actor.agencyId, s.collaboratorId))?.collaborator;
        const collaboratorUser = person?.userId;
        const files = s.documentId ? await listFilesOfDocument(tx, s.documentId) : [];
        const acceptedByName =
          s.acceptedBy && s.acceptedBy === collaboratorUser ? row.collaboratorName : s.acceptedBy ? '' : null;
        return {
          ...presentSummary(row),
          perInsurer: [...perInsurer.values()].sort((a, b) =>
            a.insurerName.localeCompare(b.insurerName, 'pl'),
          ),
          adjustments: (
            await adjustmentsOfStatement(tx, actor.agencyId, s.periodId, s.collaboratorId, s.version)
          ).map((adjustment) => ({
            kind: adjustment.kind,
            reason: adjustment.reason,
            amount: adjustment.amount,
          })),
          documentId: s.documentId,
          files: files.map((file) => ({
            id: file.id,
            fileName: file.fileName,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes ?? 0,
          })),
          expectedInvoice:
            person?.taxMode === 'bill' ? 'bill' : person?.selfBilling ? 'self_billing' : 'own_invoice',
          sha256: s.sha256?.toString('hex') ?? null,
          acceptance:
            s.acceptedAt && s.acceptedSha256
              ? {
                  at: s.acceptedAt,
                  byName: acceptedByName ?? '',
                  method: s.acceptedMethod,
                  ip: s.acceptedIp,
                  sha256: s.acceptedSha256.toString('hex'),
                }
              : null,
          disputes: disputes.map((dispute) => ({
            id: dispute.id,
            reason: dispute.reason,
            lineIds: dispute.lineIds,
            status: dispute.status,
            createdAt: dispute.createdAt,
            resolvedAt: dispute.resolvedAt,
            resolution: dispute.resolution,
          })),
          messages: messages.map((message) => ({
            id: message.id,
            authorName: message.authorName,
            fromAgency: message.authorId !== collaboratorUser,
            body: message.body,
            createdAt: message.createdAt,
          })),
          versions,
          diff: await diffAgainstPrevious(tx, actor.agencyId, s, versions),
        };
      });
    },

    async lines(actor: Actor, id: string, page: { offset: number; limit: number }) {
      return db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id);
        const lines = await linesOfStatement(tx, row.statement.id, page);
        return {
          total: await countLinesOfStatement(tx, row.statement.id),
          lines: lines.map((line) => ({
            id: line.id,
            insurerName: line.insurerName,
            policyNumber: line.policyNumber,
            policyholder: line.policyholder,
            product: line.product,
            risk: line.risk,
            lineDate: line.lineDate,
            lineType: line.lineType,
            commission: line.commission,
            basis: line.basis,
            rate: line.rate,
            base: line.base,
            share: line.share,
            ruleVersion: line.ruleVersion,
            correctedFrom: line.correctedFrom,
            correctionReason: line.correctionReason,
          })),
        };
      });
    },

    /**
     * One action, one transaction: every statement of the locked period becomes visible in its collaborator's
     * panel, each with a content-free notification. A crash leaves the period unpublished, never half.
     */
    async publish(actor: Actor, periodId: string, revision: number) {
      await db.tenant(actor, async (tx) => {
        const period = await findPeriod(tx, actor.agencyId, periodId, { forUpdate: true });
        if (!period) {
          throw new AppError('not_found', 'Settlement period not found');
        }
        if (period.revision !== revision) {
          throw new AppError('period_conflict', 'Someone else changed this period; reload it', {
            status: period.status,
          });
        }
        if (period.status !== 'locked') {
          throw new AppError('period_not_locked', 'Only a locked period can be published', {
            status: period.status,
          });
        }
        const rows = await listStatementRows(tx, actor.agencyId, { periodId });
        const missing = rows.filter((row) => !row.statement.documentId).length;
        if (missing > 0) {
          throw new AppError('statements_not_ready', 'Some statements are still being generated', {
            missing,
          });
        }
        const now = clock.now();
        const documentIds = rows.flatMap((row) =>
          row.statement.documentId ? [row.statement.documentId] : [],
        );
        if ((await generated.publish(tx, actor.agencyId, documentIds, now)) !== documentIds.length) {
          throw new AppError('conflict', 'A statement document changed while publishing; try again');
        }
        await markStatementsPublished(
          tx,
          actor.agencyId,
          rows.map((row) => row.statement.id),
          now,
        );
        const recipients = await collaboratorRecipients(
          tx,
          actor.agencyId,
          rows.map((row) => row.statement.collaboratorId),
        );
        for (const row of rows) {
          const recipient = recipients.get(row.statement.collaboratorId);
          if (recipient) {
            await notifications.enqueue(tx, {
              agencyId: actor.agencyId,
              to: recipient.email,
              template: 'document_waiting',
              locale: recipient.locale,
            });
          }
        }
        await transitionPeriod(tx, actor.agencyId, periodId, period, {
          status: 'published',
          publishedAt: now,
          publishedBy: actor.userId,
        });
        await record(
          tx,
          actor,
          'period.published',
          { type: 'settlement_period', id: periodId },
          {
            statements: rows.length,
          },
        );
      });
      notifications.requestDelivery();
    },

    /**
     * The collaborator accepts exactly the version they saw (its PDF's SHA-256), recorded with time, address and the
     * second factor of their session.
     */
    async accept(actor: Actor, id: string, sha256: string) {
      await db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id, { lock: true });
        requireActionable(row);
        const s = row.statement;
        if (!s.sha256 || s.sha256.toString('hex') !== sha256) {
          throw new AppError('statement_changed', 'The statement is not the one you saw; reload it');
        }
        if (row.openDisputes > 0) {
          throw new AppError('statement_disputed', 'The statement has an open dispute');
        }
        if (s.acceptedAt) {
          throw new AppError('statement_already_accepted', 'You have already accepted this statement');
        }
        const now = clock.now();
        await updateStatement(tx, actor.agencyId, s.id, {
          acceptedAt: now,
          acceptedBy: actor.userId,
          acceptedSha256: s.sha256,
          acceptedIp: actor.client.ip,
          acceptedMethod: await secondFactorMethod(tx, actor.sessionId),
        });
        await record(
          tx,
          actor,
          'statement.accepted',
          { type: 'statement', id: s.id },
          {
            version: s.version,
            sha256,
          },
        );
      });
    },

    async dispute(
      actor: Actor,
      id: string,
      input: {
        reason: 'missing_policy' | 'wrong_rate' | 'wrong_amount' | 'other';
        lineIds?: string[] | undefined;
        message: string;
      },
    ) {
      const disputeId = await db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id, { lock: true });
        requireActionable(row);
        const s = row.statement;
        if (s.paidAt) {
          throw new AppError('statement_paid', 'This statement is already paid; write to the agency instead');
        }
        const lineIds = input.lineIds && input.lineIds.length > 0 ? [...new Set(input.lineIds)] : null;
        if (lineIds) {
          const own = new Set((await linesOfStatement(tx, s.id)).map((line) => line.id));
          if (lineIds.some((lineId) => !own.has(lineId))) {
            throw new AppError('validation_failed', 'A disputed line is not on this statement', {
              field: 'lineIds',
            });
          }
        }
        const now = clock.now();
        const newId = randomUUID();
        await insertDispute(tx, {
          id: newId,
          agencyId: actor.agencyId,
          statementId: s.id,
          collaboratorId: s.collaboratorId,
          reason: input.reason,
          lineIds,
          status: 'open',
          createdBy: actor.userId,
          createdAt: now,
        });
        await insertMessage(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          periodId: s.periodId,
          collaboratorId: s.collaboratorId,
          disputeId: newId,
          authorId: actor.userId,
          body: input.message,
          createdAt: now,
        });
        await record(
          tx,
          actor,
          'statement.disputed',
          { type: 'statement', id: s.id },
          {
            disputeId: newId,
            reason: input.reason,
            lines: lineIds?.length ?? 0,
          },
        );
        return newId;
      });
      return { id: disputeId };
    },

    /**
     * A message in the statement's thread. The agency's message brings the collaborator a content-free notice; the
     * collaborator's waits for the agency in the thread (disputes also show on the period's board).
     */
    async postMessage(actor: Actor, id: string, body: string) {
      await db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id, { lock: true });
        if (row.period.status === 'closed') {
          throw new AppError('period_closed', 'The period is closed: everything in it is read-only');
        }
        if (!row.statement.publishedAt) {
          throw new AppError('statement_not_published', 'The statement is not published yet');
        }
        await insertMessage(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          periodId: row.statement.periodId,
          collaboratorId: row.statement.collaboratorId,
          authorId: actor.userId,
          body,
          createdAt: clock.now(),
        });
        if (actor.role !== 'collaborator') {
          await notifyCollaborator(tx, actor.agencyId, row.statement.collaboratorId, 'message_waiting');
        }
        await record(tx, actor, 'statement.message_posted', { type: 'statement', id: row.statement.id });
      });
      notifications.requestDelivery();
    },

    /**
     * Resolves a dispute with a correction: a new version of the statement with the changed shares and correction
     * amounts, each with its reason. The earlier version (and any acceptance of it) stays on record but no longer
     * counts; the collaborator sees the new one with what changed and accepts again.
     */
    async correct(actor: Actor, id: string, body: CorrectionBody) {
      if (body.lines.length === 0 && body.adjustments.length === 0) {
        throw new AppError('validation_failed', 'A correction changes at least one line or adds an amount');
      }
      for (const adjustment of body.adjustments) {
        if (adjustment.amount === 0) {
          throw new AppError('adjustment_invalid', 'A correction amount cannot be zero', { field: 'amount' });
        }
      }
      const created = await db.tenant(actor, async (tx) => {
        // The agency's periods held first: a later period locking at this moment reads the balance carried from
        // this statement, so it either sees this correction or is locked before it (and the correction refused).
        await lockAgencyPeriods(tx, actor.agencyId);
        const row = await requireStatement(tx, actor, id, { lock: true });
        requireActionable(row);
        const old = row.statement;
        if (!old.publishedAt) {
          throw new AppError(
            'statement_not_published',
            'Correct a statement after it is published; until then reopen the period',
          );
        }
        if (old.paidAt) {
          throw new AppError('statement_paid', 'A paid statement is corrected in a later period');
        }
        if (await findPeriodOutOfOrder(tx, actor.agencyId, row.period, 'later_settled')) {
          throw new AppError(
            'later_period_locked',
            'A later period is locked; make the correction there as an adjustment',
          );
        }
        const lines = await rawLinesOfStatement(tx, old.id);
        const changes = new Map(body.lines.map((change) => [change.lineId, change]));
        const known = new Set(lines.map((line) => line.id));
        if ([...changes.keys()].some((lineId) => !known.has(lineId))) {
          throw new AppError('validation_failed', 'A corrected line is not on this statement', {
            field: 'lines',
          });
        }
        const now = clock.now();
        const version = old.version + 1;
        const newId = randomUUID();
        const newLines: NewStatementLine[] = lines.map((line) => {
          const change = changes.get(line.id);
          return {
            ...line,
            id: randomUUID(),
            statementId: newId,
            share: change ? change.share : line.share,
            correctedFrom: change && change.share !== line.share ? line.share : null,
            correctionReason: change && change.share !== line.share ? change.reason : null,
          };
        });
        for (const adjustment of body.adjustments) {
          await insertAdjustment(tx, {
            id: randomUUID(),
            agencyId: actor.agencyId,
            periodId: old.periodId,
            collaboratorId: old.collaboratorId,
            kind: 'correction',
            amount: adjustment.amount,
            reason: adjustment.reason,
            statementVersion: version,
            createdBy: actor.userId,
            createdAt: now,
          });
        }
        const adjustments = await adjustmentsOfStatement(
          tx,
          actor.agencyId,
          old.periodId,
          old.collaboratorId,
          version,
        );
        const linesTotal = newLines.reduce((sum, line) => addGrosze(sum, line.share), 0);
        const adjustmentsTotal = adjustments.reduce(
          (sum, adjustment) => addGrosze(sum, adjustment.amount),
          0,
        );
        const minimumPayout = (await findAgency(tx, actor.agencyId))?.minimumPayout ?? 0;
        await updateStatement(tx, actor.agencyId, old.id, { isCurrent: false, supersededAt: now });
        // An invoice answered the old amount: the collaborator sends (or approves) one for the new version.
        for (const invoiceId of await voidInvoicesOfStatement(tx, actor.agencyId, old.id, now)) {
          await record(
            tx,
            actor,
            'invoice.voided',
            { type: 'statement', id: old.id },
            { invoiceId, reason: 'statement_corrected' },
          );
        }
        await insertStatements(tx, [
          {
            id: newId,
            agencyId: actor.agencyId,
            periodId: old.periodId,
            collaboratorId: old.collaboratorId,
            number: old.number,
            version,
            isCurrent: true,
            openingBalance: old.openingBalance,
            linesTotal,
            adjustmentsTotal,
            ...balanceOf(old.openingBalance, linesTotal, adjustmentsTotal, minimumPayout),
            lineCount: newLines.length,
            createdBy: actor.userId,
            createdAt: now,
          },
        ]);
        await insertStatementLines(tx, newLines);
        await resolveOpenDisputes(tx, old.id, {
          status: 'corrected',
          resolvedAt: now,
          resolvedBy: actor.userId,
          resolution: body.resolution,
        });
        await insertMessage(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          periodId: old.periodId,
          collaboratorId: old.collaboratorId,
          authorId: actor.userId,
          body: body.resolution,
          createdAt: now,
        });
        await record(
          tx,
          actor,
          'statement.corrected',
          { type: 'statement', id: newId },
          {
            previousId: old.id,
            version,
            lines: body.lines.length,
            adjustments: body.adjustments.length,
          },
        );
        return newId;
      });
      const scope: TenantScope = {
        agencyId: actor.agencyId,
        userId: actor.userId,
        role: actor.role,
        collaboratorId: null,
      };
      await generateOne(scope, created);
      await publishCorrection(scope, created);
      return this.detail(actor, created);
    },

    async rejectDispute(actor: Actor, id: string, disputeId: string, resolution: string) {
      await db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id, { lock: true });
        requireActionable(row);
        const now = clock.now();
        const resolved = await resolveOpenDisputes(
          tx,
          row.statement.id,
          { status: 'rejected', resolvedAt: now, resolvedBy: actor.userId, resolution },
          disputeId,
        );
        if (resolved === 0) {
          throw new AppError('not_found', 'No open dispute with this id on the statement');
        }
        await insertMessage(tx, {
          id: randomUUID(),
          agencyId: actor.agencyId,
          periodId: row.statement.periodId,
          collaboratorId: row.statement.collaboratorId,
          disputeId,
          authorId: actor.userId,
          body: resolution,
          createdAt: now,
        });
        await notifyCollaborator(tx, actor.agencyId, row.statement.collaboratorId, 'message_waiting');
        await record(
          tx,
          actor,
          'statement.dispute_rejected',
          { type: 'statement', id: row.statement.id },
          { disputeId },
        );
      });
      notifications.requestDelivery();
    },

    async markPaid(actor: Actor, id: string, input: { paidOn: string; reference?: string | undefined }) {
      await db.tenant(actor, async (tx) => {
        const row = await requireStatement(tx, actor, id, { lock: true });
        requireActionable(row);
        const s = row.statement;
        if (!s.publishedAt) {
          throw new AppError('statement_not_published', 'Publish the statement before paying it');
        }
        if (s.paidAt) {
          throw new AppError('statement_paid', 'This statement is already marked paid');
        }
        if (s.amountDue <= 0) {
          throw new AppError(
            'nothing_to_pay',
            'Nothing is due on this statement; its balance carries forward',
          );
        }
        if (row.openDisputes > 0) {
          throw new AppError('statement_disputed', 'Resolve the open dispute before paying');
        }
        await updateStatement(tx, actor.agencyId, s.id, {
          paidOn: input.paidOn,
          paymentReference: input.reference ?? null,
          paidBy: actor.userId,
          paidAt: clock.now(),
        });
        await record(tx, actor, 'statement.paid', { type: 'statement', id: s.id }, { paidOn: input.paidOn });
      });
    },

    /** Closes a published period once everything due is paid: from then on it is read-only for everyone. */
    async close(actor: Actor, periodId: string, revision: number) {
      await db.tenant(actor, async (tx) => {
        const period = await findPeriod(tx, actor.agencyId, periodId, { forUpdate: true });
        if (!period) {
          throw new AppError('not_found', 'Settlement period not found');
        }
        if (period.revision !== revision) {
          throw new AppError('period_conflict', 'Someone else changed this period; reload it', {
            status: period.status,
          });
        }
        if (period.status !== 'published') {
          throw new AppError('period_not_published', 'Only a published period can be closed', {
            status: period.status,
          });
        }
        // An invoice being recorded holds its statement: the close waits for it, and one that comes after sees
        // the period closed.
        await lockStatementsOfPeriod(tx, actor.agencyId, periodId);
        const rows = await listStatementRows(tx, actor.agencyId, { periodId });
        const unpaid = rows.filter((row) => row.statement.amountDue > 0 && !row.statement.paidAt).length;
        const disputed = rows.filter((row) => row.openDisputes > 0).length;
        if (unpaid > 0 || disputed > 0) {
          throw new AppError(
            'period_has_open_statements',
            'Pay every statement and resolve every dispute first',
            {
              unpaid,
              disputed,
            },
          );
        }
        const now = clock.now();
        await transitionPeriod(tx, actor.agencyId, periodId, period, {
          status: 'closed',
          closedAt: now,
          closedBy: actor.userId,
        });
        await record(tx, actor, 'period.closed', { type: 'settlement_period', id: periodId });
      });
    },

    /** The payout list of a period: who, to which account, how much, with a transfer title. */
    async payouts(actor: Actor, periodId: string) {
      return db.tenant(actor, async (tx) => {
        const period = await findPeriod(tx, actor.agencyId, periodId);
        if (!period) {
          throw new AppError('not_found', 'Settlement period not found');
        }
        if (period.status === 'open') {
          throw new AppError('period_not_locked', 'Lock the period first');
        }
        const rows = await payoutRows(tx, actor.agencyId, periodId);
        await record(
          tx,
          actor,
          'period.payouts_exported',
          { type: 'settlement_period', id: periodId },
          { rows: rows.length },
        );
        return {
          period,
          rows: rows.map((row) => ({
            collaborator: row.fullName,
            iban: row.iban,
            amount: row.amountDue,
            title: `Prowizja ${monthLabel(period.dateTo)} ${row.number}${row.version > 1 ? ` v${row.version}` : ''}`,
          })),
        };
      });
    },
  };
}
