import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  AssignmentBody,
  ColumnMapping,
  DetectedFile,
  ImportDetail,
  ImportField,
  ImportStatus,
  ImportSummary,
} from '../../../shared/api/imports.js';
import { normalizeAgentCode } from '../../../shared/api/insurers.js';
import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { createDecryptStream } from '../../crypto/chunked-aead.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../http/access.js';
import type { Logger } from '../../logger.js';
import type { VirusScanner } from '../../scanner/scanning.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { validateFileName } from '../../uploads/file-name.js';
import type { AuditService } from '../audit/audit.service.js';
import { findAgencyKey } from '../documents/documents.repository.js';
import { storeEncryptedUpload } from '../documents/upload-pipeline.js';
import { agentCodeMap } from '../insurers/insurers.repository.js';
import type { InsurerService } from '../insurers/insurers.service.js';
import {
  attributeLines,
  deleteImportRow,
  deleteStagedRows,
  failInterruptedParse,
  findCommittedImportByHash,
  findImport,
  findImportSummary,
  findTemplate,
  insertImport,
  insertLines,
  insertRowErrors,
  listImportSummaries,
  listStaleImports,
  pageOfLines,
  pageOfRowErrors,
  saveTemplate,
  transitionImport,
  unmatchedGroups,
  updateImport,
  type ImportRow,
  type ImportSummaryRow,
  type NewCommissionLine,
  type NewRowError,
} from './imports.repository.js';
import { writeScratchFile, type ScratchFile } from './scratch-file.js';
import {
  inspectStatement,
  mappingProblems,
  readStatement,
  statementFileErrorOf,
  suggestColumns,
  suggestedColumns,
} from './statement-parser.js';

const storageKeyOf = (agencyId: string, importId: string) => `agencies/${agencyId}/imports/${importId}`;
const aadOf = (importId: string) => Buffer.from(`sejf/import-file/v1/${importId}`, 'utf8');

/** Staged lines (and row errors) written per transaction while parsing. */
const STAGED_ROWS_PER_WRITE = 10_000;

/** Statuses in which the file may be remapped and parsed again. */
const reparsable: readonly ImportStatus[] = ['uploaded', 'parsed', 'failed'];

export type ImportUploadFields = { insurerId: string; statementDate: string };

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService(deps: {
  db: Database;
  storage: FileStorage;
  keyring: Pick<Keyring, 'newKey' | 'wrapDataKey' | 'unwrapDataKey' | 'unwrapAgencyKey'>;
  scanner: VirusScanner;
  clock: Clock;
  config: Pick<Config, 'uploads' | 'dataDir'>;
  audit: AuditService;
  insurers: InsurerService;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
}) {
  const { db, storage, keyring, clock, audit, logger } = deps;
  const scratchDir = path.join(deps.config.dataDir, 'tmp');
  /** Parses running in this process, so that a test or a shutdown can wait for them. */
  const running = new Map<string, Promise<void>>();

  function record(
    tx: Tx,
    actor: Actor,
    event: AuditEventName,
    importId: string,
    details?: Record<string, string | number>,
  ) {
    return audit.record(tx, {
      agencyId: actor.agencyId,
      actor: { userId: actor.userId, name: actor.name },
      event,
      target: { type: 'import', id: importId },
      ip: actor.client.ip,
      details,
    });
  }

  async function agencyKey(tx: Tx, agencyId: string): Promise<Buffer> {
    const wrapped = await findAgencyKey(tx, agencyId);
    if (!wrapped) {
      throw new AppError('not_found', 'Agency not found');
    }
    return keyring.unwrapAgencyKey(agencyId, wrapped);
  }

  function presentSummary(row: NonNullable<ImportSummaryRow>): ImportSummary {
    const i = row.import;
    const totalBytes = i.sizeBytes > 0 ? i.sizeBytes : 1;
    const bytesRead = typeof i.detected?.bytesRead === 'number' ? i.detected.bytesRead : 0;
    return {
      id: i.id,
      insurerId: i.insurerId,
      insurerName: row.insurerName,
      fileName: i.fileName,
      format: i.format,
      sizeBytes: i.sizeBytes,
      status: i.status,
      statementDate: i.statementDate,
      rowsProcessed: i.rowsProcessed,
      lineCount: i.lineCount,
      errorCount: i.errorCount,
      unmatchedCount: row.unmatchedCount,
      commissionTotal: i.commissionTotal,
      progress: i.status === 'parsing' ? Math.min(1, bytesRead / totalBytes) : null,
      failure: i.failureCode ? { code: i.failureCode, details: i.failureDetails ?? null } : null,
      createdAt: i.createdAt,
      createdByName: row.createdByName,
      committedAt: i.committedAt,
    };
  }

  function detectedOf(row: ImportRow): DetectedFile | null {
    const file = row.detected?.file;
    return file ? (file as DetectedFile) : null;
  }

  function presentDetail(row: NonNullable<ImportSummaryRow>): ImportDetail {
    const detected = detectedOf(row.import);
    const mapping = (row.import.mapping?.mapping as ColumnMapping | undefined) ?? null;
    const source = (row.import.mapping?.source as ImportDetail['mappingSource'] | undefined) ?? null;
    const suggested = detected ? suggestedColumns(detected.headers) : {};
    return {
      ...presentSummary(row),
      detected,
      mapping,
      mappingSource: source,
      // Without a mapping, what the suggestion still leaves out.
      mappingProblems:
        detected && mapping
          ? mappingProblems(mapping, detected.headers)
          : missingRequired(mapping?.columns ?? suggested),
      suggestedColumns: suggested,
    };
  }

  function missingRequired(columns: Partial<Record<ImportField, string>>): ImportDetail['mappingProblems'] {
    const required: ImportField[] = ['policyNumber', 'commission'];
    return required
      .filter((field) => !columns[field])
      .map((field) => ({ field, problem: 'not_mapped' as const }));
  }

  async function loadDetail(tx: Tx, actor: Actor, id: string): Promise<ImportDetail> {
    const row = await findImportSummary(tx, actor.agencyId, id);
    if (!row) {
      throw new AppError('not_found', 'Import not found');
    }
    return presentDetail(row);
  }

  /** The stored original, decrypted into a scratch file the parsers can seek in. */
  async function openOriginal(row: ImportRow): Promise<ScratchFile> {
    if (!row.wrappedKey) {
      throw new AppError('not_found', 'The original file of this import is no longer stored');
    }
    const key = await db.system((tx) => agencyKey(tx, row.agencyId));
    const dataKey = keyring.unwrapDataKey(key, row.id, row.wrappedKey);
    const blob = await storage.get(row.storageKey);
    const plain: Readable = blob.pipe(createDecryptStream(dataKey, aadOf(row.id)));
    blob.once('error', (error) => plain.destroy(error));
    return writeScratchFile(scratchDir, plain);
  }

  async function removeOriginal(row: Pick<ImportRow, 'storageKey'>) {
    await storage.delete(row.storageKey);
  }

  /**
   * Reads every row of the file with the import's mapping and stages the lines, some ten thousand per transaction, so
   * that the server keeps answering while a large file is read. Only commit makes them count. While one batch is
   * written the next is parsed (one write at a time, in order).
   */
  async function parseInBackground(
    actor: Actor,
    row: ImportRow,
    mapping: ColumnMapping,
    detected: DetectedFile,
  ) {
    const scope = { agencyId: actor.agencyId, userId: actor.userId, role: actor.role, collaboratorId: null };
    const tenant = <T>(fn: (tx: Tx) => Promise<T>) => db.tenant(scope, fn);
    let lineCount = 0;
    let errorCount = 0;
    let commissionTotal = 0;
    let rowsProcessed = 0;
    let scratch: ScratchFile | null = null;
    let pendingLines: NewCommissionLine[] = [];
    let pendingErrors: NewRowError[] = [];
    /** The write in flight: resolves to its error, so that a failure is never left unhandled. */
    let writing: Promise<Error | null> = Promise.resolve(null);
    const settleWrite = async () => {
      const failure = await writing;
      writing = Promise.resolve(null);
      if (failure) {
        throw failure;
      }
    };
    const flush = async (bytesRead: number) => {
      await settleWrite();
      const lines = pendingLines;
      const errors = pendingErrors;
      const progress = { rowsProcessed, lineCount, errorCount };
      pendingLines = [];
      pendingErrors = [];
      writing = tenant(async (tx) => {
        await insertLines(tx, lines);
        await insertRowErrors(tx, errors);
        await updateImport(tx, actor.agencyId, row.id, {
          ...progress,
          detected: { file: detected, bytesRead },
          updatedAt: clock.now(),
        });
      }).then(
        () => null,
        (error: unknown) =>
          error instanceof Error ? error : new Error('A staged batch could not be written', { cause: error }),
      );
    };
    try {
      await tenant((tx) => deleteStagedRows(tx, row.id));
      const codes = await tenant((tx) => agentCodeMap(tx, actor.agencyId, row.insurerId));
      scratch = await openOriginal(row);
      let bytesRead = 0;
      for await (const batch of readStatement(scratch, detected, mapping, row.statementDate)) {
        for (const line of batch.lines) {
          const collaboratorId = line.agentCode === null ? undefined : codes.get(line.agentCode);
          commissionTotal += line.commission;
          pendingLines.push({
            id: randomUUID(),
            agencyId: actor.agencyId,
            importId: row.id,
            insurerId: row.insurerId,
            rowNumber: line.rowNumber,
            policyNumber: line.policyNumber,
            policyKey: line.policyNumber.replace(/\s+/g, '').toUpperCase(),
            policyholder: line.policyholder,
            product: line.product,
            risk: line.risk,
            premium: line.premium,
            collectedPremium: line.collectedPremium,
            commissionBase: line.commissionBase,
            insurerRate: line.insurerRate,
            commission: line.commission,
            installment: line.installment,
            lineDate: line.lineDate,
            agentCode: line.agentCode,
            lineType: line.lineType,
            renewal: line.renewal,
            collaboratorId: collaboratorId ?? null,
            attributedBy: collaboratorId ? 'agent_code' : null,
          });
        }
        for (const error of batch.errors) {
          pendingErrors.push({
            id: randomUUID(),
            agencyId: actor.agencyId,
            importId: row.id,
            rowNumber: error.rowNumber,
            code: error.code,
            field: error.field,
          });
        }
        lineCount += batch.lines.length;
        errorCount += batch.errors.length;
        rowsProcessed = batch.rowsRead;
        bytesRead = batch.bytesRead;
        if (!Number.isSafeInteger(commissionTotal)) {
          throw new AppError('validation_failed', 'The commission total exceeds the supported range');
        }
        if (pendingLines.length + pendingErrors.length >= STAGED_ROWS_PER_WRITE) {
          await flush(bytesRead);
        }
      }
      if (pendingLines.length + pendingErrors.length > 0) {
        await flush(bytesRead);
      }
      await settleWrite();
      await tenant(async (tx) => {
        await transitionImport(tx, actor.agencyId, row.id, ['parsing'], {
          status: 'parsed',
          rowsProcessed,
          lineCount,
          errorCount,
          commissionTotal,
          detected: { file: detected },
          updatedAt: clock.now(),
        });
      });
    } catch (error) {
      // A batch still being written would otherwise land after the staged rows are deleted.
      await writing;
      const fileError = statementFileErrorOf(error);
      if (!fileError) {
        logger.error({ err: error, importId: row.id }, 'import parse failed');
      }
      await tenant(async (tx) => {
        await deleteStagedRows(tx, row.id);
        await transitionImport(tx, actor.agencyId, row.id, ['parsing'], {
          status: 'failed',
          rowsProcessed: 0,
          lineCount: 0,
          errorCount: 0,
          commissionTotal: 0,
          failureCode: fileError?.code ?? 'internal_error',
          failureDetails: fileError?.details ?? null,
          detected: { file: detected },
          updatedAt: clock.now(),
        });
      });
    } finally {
      await scratch?.remove();
    }
  }

  async function requireImport(tx: Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
    const row = await findImport(tx, actor.agencyId, id, options);
    if (!row) {
      throw new AppError('not_found', 'Import not found');
    }
    return row;
  }

  function stateError(row: ImportRow): AppError {
    return new AppError('import_state_conflict', `The import is ${row.status}`, { status: row.status });
  }

  return {
    /**
     * Streams the file through hashing, type inspection, the virus scanner and encryption into storage, then
     * inspects it. Any failure leaves no row and no blob behind.
     */
    async upload(
      actor: Actor,
      fields: ImportUploadFields,
      rawName: string,
      source: Readable,
    ): Promise<ImportDetail> {
      const name = validateFileName(rawName);
      if (!name.ok) {
        source.resume();
        throw new AppError('file_name_invalid', 'The file name is not allowed', { reason: name.reason });
      }
      const id = randomUUID();
      const storageKey = storageKeyOf(actor.agencyId, id);
      const dataKey = keyring.newKey();
      const now = clock.now();
      const template = await db.tenant(actor, async (tx) => {
        await deps.insurers.requireActiveInsurer(tx, actor, fields.insurerId);
        const key = await agencyKey(tx, actor.agencyId);
        // Recorded before the first byte is stored: a crash mid-upload leaves a row the cleanup job follows.
        await insertImport(tx, {
          id,
          agencyId: actor.agencyId,
          insurerId: fields.insurerId,
          status: 'uploading',
          fileName: name.name,
          format: 'csv',
          sizeBytes: 0,
          sha256: Buffer.alloc(32),
          storageKey,
          wrappedKey: keyring.wrapDataKey(key, id, dataKey),
          statementDate: fields.statementDate,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        return findTemplate(tx, actor.agencyId, fields.insurerId);
      });
      const discard = async () => {
        await removeOriginal({ storageKey });
        await db.tenant(actor, (tx) => deleteImportRow(tx, id));
      };
      let scratch: ScratchFile | null = null;
      try {
        const stored = await storeEncryptedUpload({
          source,
          storage,
          storageKey,
          dataKey,
          aad: aadOf(id),
          scanner: deps.scanner,
          maxBytes: deps.config.uploads.maxBytes,
        });
        if (stored.verdict.status === 'infected') {
          throw new AppError('file_infected', 'The virus scanner found malware in this file', {
            fileName: name.name,
            signature: stored.verdict.signature,
          });
        }
        if (!stored.inspection.ok) {
          throw new AppError(stored.inspection.code, stored.inspection.reason, { fileName: name.name });
        }
        if (stored.inspection.kind !== 'csv' && stored.inspection.kind !== 'xlsx') {
          throw new AppError('file_type_not_allowed', 'An insurer statement is a CSV or XLSX file', {
            fileName: name.name,
            detected: stored.inspection.kind,
          });
        }
        const duplicate = await db.tenant(actor, (tx) =>
          findCommittedImportByHash(tx, actor.agencyId, stored.sha256),
        );
        if (duplicate) {
          throw new AppError('import_duplicate', 'This file has already been imported', {
            importId: duplicate.id,
            fileName: duplicate.fileName,
            committedAt: duplicate.committedAt?.toISOString() ?? null,
          });
        }
        const templateMapping = (template?.mapping as ColumnMapping | undefined) ?? undefined;
        const row = await db.tenant(actor, (tx) => requireImport(tx, actor, id));
        scratch = await openOriginal(row);
        const detected = await inspectStatement(scratch, templateMapping);
        const mapping = templateMapping
          ? { mapping: templateMapping, source: 'template' }
          : { mapping: suggestColumns(detected.headers), source: 'suggested' };
        return await db.tenant(actor, async (tx) => {
          await transitionImport(tx, actor.agencyId, id, ['uploading'], {
            status: 'uploaded',
            format: detected.format,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            detected: { file: detected },
            mapping,
            updatedAt: clock.now(),
          });
          await record(tx, actor, 'import.uploaded', id, {
            insurerId: fields.insurerId,
            sizeBytes: stored.sizeBytes,
          });
          return loadDetail(tx, actor, id);
        });
      } catch (error) {
        source.resume();
        await discard().catch((cleanupError: unknown) => {
          logger.warn({ err: cleanupError, importId: id }, 'could not remove a rejected import yet');
        });
        const fileError = statementFileErrorOf(error);
        if (fileError) {
          throw new AppError('import_file_invalid', 'The file cannot be read as an insurer statement', {
            reason: fileError.code,
            ...fileError.details,
          });
        }
        throw error;
      } finally {
        await scratch?.remove();
      }
    },

    async list(actor: Actor, query: { status: 'open' | 'committed' | 'all' }) {
      const statuses: Record<typeof query.status, readonly ImportStatus[] | null> = {
        open: ['uploaded', 'parsing', 'parsed', 'failed'],
        committed: ['committed'],
        all: ['uploaded', 'parsing', 'parsed', 'failed', 'committed'],
      };
      return db.tenant(actor, async (tx) =>
        (await listImportSummaries(tx, actor.agencyId, statuses[query.status])).map(presentSummary),
      );
    },

    async get(actor: Actor, id: string) {
      return db.tenant(actor, (tx) => loadDetail(tx, actor, id));
    },

    /** Sets the column mapping (and by default saves it as the insurer's template); staged lines are dropped. */
    async setMapping(actor: Actor, id: string, mapping: ColumnMapping, remember: boolean) {
      return db.tenant(actor, async (tx) => {
        const row = await requireImport(tx, actor, id, { forUpdate: true });
        if (!reparsable.includes(row.status)) {
          throw stateError(row);
        }
        const detected = detectedOf(row);
        const problems = detected ? mappingProblems(mapping, detected.headers) : [];
        if (problems.length > 0) {
          throw new AppError('import_mapping_invalid', 'The mapping names columns the file does not have', {
            problems,
          });
        }
        await deleteStagedRows(tx, id);
        await transitionImport(tx, actor.agencyId, id, reparsable, {
          status: 'uploaded',
          mapping: { mapping, source: 'manual' },
          rowsProcessed: 0,
          lineCount: 0,
          errorCount: 0,
          commissionTotal: 0,
          failureCode: null,
          failureDetails: null,
          updatedAt: clock.now(),
        });
        if (remember) {
          await saveTemplate(tx, {
            id: randomUUID(),
            agencyId: actor.agencyId,
            insurerId: row.insurerId,
            mapping,
            updatedBy: actor.userId,
            updatedAt: clock.now(),
          });
        }
        await record(tx, actor, 'import.mapped', id, { remembered: remember ? 1 : 0 });
        return loadDetail(tx, actor, id);
      });
    },

    /** Starts reading every row in the background; the import's progress says how far it got. */
    async parse(actor: Actor, id: string): Promise<ImportDetail> {
      const started = await db.tenant(actor, async (tx) => {
        const row = await requireImport(tx, actor, id, { forUpdate: true });
        const mapping = (row.mapping?.mapping as ColumnMapping | undefined) ?? null;
        const detected = detectedOf(row);
        if (!reparsable.includes(row.status)) {
          throw stateError(row);
        }
        if (!mapping || !detected || mappingProblems(mapping, detected.headers).length > 0) {
          throw new AppError('import_mapping_invalid', 'Map the policy number and commission columns first', {
            problems:
              detected && mapping
                ? mappingProblems(mapping, detected.headers)
                : missingRequired(mapping?.columns ?? (detected ? suggestedColumns(detected.headers) : {})),
          });
        }
        await transitionImport(tx, actor.agencyId, id, reparsable, {
          status: 'parsing',
          rowsProcessed: 0,
          lineCount: 0,
          errorCount: 0,
          commissionTotal: 0,
          failureCode: null,
          failureDetails: null,
          detected: { file: detected, bytesRead: 0 },
          updatedAt: clock.now(),
        });
        return { row, mapping, detected };
      });
      const task = parseInBackground(actor, started.row, started.mapping, started.detected).finally(() => {
        running.delete(id);
      });
      running.set(id, task);
      return this.get(actor, id);
    },

    /** Resolves when this process has no parse of the import running (tests and shutdown). */
    async settled(id?: string): Promise<void> {
      const tasks = id ? [running.get(id)] : [...running.values()];
      await Promise.all(tasks.filter((task): task is Promise<void> => task !== undefined));
    },

    async lines(
      actor: Actor,
      id: string,
      query: { show: 'lines' | 'errors' | 'unmatched'; offset: number; limit: number },
    ) {
      return db.tenant(actor, async (tx) => {
        await requireImport(tx, actor, id);
        if (query.show === 'errors') {
          const page = await pageOfRowErrors(tx, id, query);
          return { total: page.total, lines: [], errors: page.errors };
        }
        const page = await pageOfLines(tx, id, { ...query, unmatchedOnly: query.show === 'unmatched' });
        return { total: page.total, lines: page.lines, errors: [] };
      });
    },

    /**
     * Makes the staged lines count, in one status change: atomic however large the file. A file with row
     * errors cannot be committed, and the same file (by SHA-256) only once.
     */
    async commit(actor: Actor, id: string): Promise<ImportDetail> {
      try {
        return await db.tenant(actor, async (tx) => {
          const row = await requireImport(tx, actor, id, { forUpdate: true });
          if (row.status !== 'parsed') {
            throw stateError(row);
          }
          if (row.errorCount > 0) {
            throw new AppError('import_has_errors', 'Fix the rows with errors before committing', {
              errorCount: row.errorCount,
            });
          }
          if (row.lineCount === 0) {
            throw new AppError('import_empty', 'The file has no commission lines');
          }
          const duplicate = await findCommittedImportByHash(tx, actor.agencyId, row.sha256);
          if (duplicate) {
            throw new AppError('import_duplicate', 'This file has already been imported', {
              importId: duplicate.id,
              fileName: duplicate.fileName,
            });
          }
          const now = clock.now();
          await transitionImport(tx, actor.agencyId, id, ['parsed'], {
            status: 'committed',
            committedAt: now,
            committedBy: actor.userId,
            updatedAt: now,
          });
          await record(tx, actor, 'import.committed', id, { lineCount: row.lineCount });
          return loadDetail(tx, actor, id);
        });
      } catch (error) {
        if (violatedUniqueConstraint(error) !== null) {
          throw new AppError('import_duplicate', 'This file has already been imported');
        }
        throw error;
      }
    },

    /** Drops an import that was not committed: its staged lines and its stored file go. */
    async discard(actor: Actor, id: string): Promise<void> {
      const row = await db.tenant(actor, async (tx) => {
        const current = await requireImport(tx, actor, id, { forUpdate: true });
        if (!reparsable.includes(current.status)) {
          throw stateError(current);
        }
        await deleteStagedRows(tx, id);
        await transitionImport(tx, actor.agencyId, id, reparsable, {
          status: 'discarded',
          wrappedKey: null,
          detected: null,
          updatedAt: clock.now(),
        });
        await record(tx, actor, 'import.discarded', id);
        return current;
      });
      await removeOriginal(row).catch((error: unknown) => {
        logger.warn({ err: error, importId: id }, 'could not remove a discarded import file yet');
      });
    },

    /** The original file, decrypted, for the staff to check a line against its source. */
    async original(actor: Actor, id: string) {
      const row = await db.tenant(actor, async (tx) => {
        const found = await requireImport(tx, actor, id);
        if (found.status === 'uploading' || found.status === 'discarded' || !found.wrappedKey) {
          throw new AppError('not_found', 'The original file of this import is not available');
        }
        await record(tx, actor, 'import.downloaded', id);
        return found;
      });
      const key = await db.system((tx) => agencyKey(tx, row.agencyId));
      const dataKey = keyring.unwrapDataKey(key, row.id, row.wrappedKey as Buffer);
      const blob = await storage.get(row.storageKey);
      const stream: Readable = blob.pipe(createDecryptStream(dataKey, aadOf(row.id)));
      blob.once('error', (error) => stream.destroy(error));
      return {
        fileName: row.fileName,
        contentType:
          row.format === 'csv'
            ? 'text/csv'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        sizeBytes: row.sizeBytes,
        stream,
      };
    },

    async unmatched(actor: Actor) {
      return db.tenant(actor, async (tx) =>
        (await unmatchedGroups(tx, actor.agencyId)).map((group) => ({
          ...group,
          commissionTotal: Number(group.commissionTotal),
        })),
      );
    },

    /**
     * Attributes the unsettled lines carrying an agent code (in one import or all of them) to a collaborator or to
     * the agency itself, and by default remembers the code so later files match on their own.
     */
    async assign(actor: Actor, body: AssignmentBody): Promise<{ assigned: number }> {
      return db.tenant(actor, async (tx) => {
        const code = body.agentCode === null ? null : normalizeAgentCode(body.agentCode);
        if (body.importId) {
          await requireImport(tx, actor, body.importId);
        }
        let collaboratorId: string | null = null;
        if ('collaboratorId' in body.target) {
          collaboratorId = body.target.collaboratorId;
          if (body.remember && code !== null) {
            await deps.insurers.assignAgentCodeIn(tx, actor, {
              insurerId: body.insurerId,
              collaboratorId,
              code,
            });
          } else {
            await deps.insurers.requireActiveInsurer(tx, actor, body.insurerId);
          }
        }
        const assigned = await attributeLines(
          tx,
          actor.agencyId,
          { insurerId: body.insurerId, agentCode: code, importId: body.importId, onlyUnattributed: true },
          { collaboratorId, attributedBy: collaboratorId ? 'manual' : 'agency' },
        );
        if (assigned === 0) {
          throw new AppError('not_found', 'No unattributed lines carry this agent code');
        }
        await audit.record(tx, {
          agencyId: actor.agencyId,
          actor: { userId: actor.userId, name: actor.name },
          event: 'import.lines_assigned',
          target: collaboratorId
            ? { type: 'collaborator', id: collaboratorId }
            : { type: 'agency', id: actor.agencyId },
          ip: actor.client.ip,
          details: { insurerId: body.insurerId, lines: assigned, remembered: body.remember ? 1 : 0 },
        });
        return { assigned };
      });
    },

    /** Cleanup job: uploads a crash cut short, and parses that died with their process. */
    async recoverInterrupted(before: Date): Promise<void> {
      const stale = await db.system((tx) => listStaleImports(tx, before));
      for (const row of stale) {
        if (running.has(row.id)) {
          continue;
        }
        if (row.status === 'uploading') {
          await removeOriginal(row);
          await db.system((tx) => deleteImportRow(tx, row.id));
        } else {
          await db.system((tx) => failInterruptedParse(tx, row.id, clock.now()));
        }
      }
    },
  };
}
