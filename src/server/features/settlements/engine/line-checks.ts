import { isGrosze, type Grosze } from '../../../../shared/money.js';
import { isIsoDate, isUsableText } from './normalise.js';
import type { CommissionLine, CommissionLineType } from './types.js';

const LINE_TYPES: ReadonlySet<string> = new Set<CommissionLineType>(['standard', 'correction', 'storno']);

function isOptionalGrosze(value: Grosze | null): boolean {
  return value === null || isGrosze(value);
}

/** The reason a line cannot be computed, or null. Never quotes the line's amounts or text. */
function findLineDefect(line: CommissionLine): string | null {
  if (!isUsableText(line.insurerId) || (line.collaboratorId !== null && !isUsableText(line.collaboratorId))) {
    return 'insurer and collaborator ids must be non-blank';
  }
  if (!isUsableText(line.policyNumber)) {
    return 'the policy number must be non-blank';
  }
  if (
    !isIsoDate(line.lineDate) ||
    !Number.isSafeInteger(line.rowNumber) ||
    typeof line.importId !== 'string'
  ) {
    return 'date, import or row number is malformed';
  }
  if (!LINE_TYPES.has(line.lineType) || (line.renewal !== null && typeof line.renewal !== 'boolean')) {
    return 'line type or renewal flag is unknown';
  }
  if (
    !isGrosze(line.commission) ||
    !isOptionalGrosze(line.premium) ||
    !isOptionalGrosze(line.collectedPremium)
  ) {
    return 'amounts must be integer grosze';
  }
  return null;
}

/**
 * Refuses malformed lines and an id given twice (within or across `lines` and `history`): the processing order and
 * the clawback matching both rely on ids being unique, and a month-end run must not guess.
 */
export function assertUsableLines(
  lines: readonly CommissionLine[],
  history: readonly CommissionLine[],
): void {
  const ids = new Set<string>();
  for (const list of [lines, history]) {
    for (const line of list) {
      if (typeof line.id !== 'string' || !isUsableText(line.id)) {
        throw new RangeError('A commission line has no usable id');
      }
      if (ids.has(line.id)) {
        throw new RangeError(`Commission line ${line.id} is given twice`);
      }
      ids.add(line.id);
      const defect = findLineDefect(line);
      if (defect !== null) {
        throw new RangeError(`Commission line ${line.id}: ${defect}`);
      }
    }
  }
}
