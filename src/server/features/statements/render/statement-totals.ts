import type { Grosze } from '../../../../shared/money.js';
import { RenderError } from './render-error.js';
import { addGrosze } from './render-labels.js';
import type { StatementLine, StatementRenderInput } from './render.types.js';

export type InsurerGroup = {
  insurerName: string;
  lines: StatementLine[];
  commission: Grosze;
  share: Grosze;
};

/** Lines grouped by insurer, in the order insurers first appear; lines keep their order within a group. */
export function groupByInsurer(lines: readonly StatementLine[]): InsurerGroup[] {
  const groups = new Map<string, InsurerGroup>();
  for (const line of lines) {
    let group = groups.get(line.insurerName);
    if (group === undefined) {
      group = { insurerName: line.insurerName, lines: [], commission: 0, share: 0 };
      groups.set(line.insurerName, group);
    }
    group.lines.push(line);
    group.commission = addGrosze(group.commission, line.commission, 'lines.commission');
    group.share = addGrosze(group.share, line.share, 'lines.share');
  }
  return [...groups.values()];
}

/**
 * A statement whose figures do not add up must not be printed: the collaborator would be told one amount and
 * paid another.
 */
export function checkStatementTotals(input: StatementRenderInput, groups: readonly InsurerGroup[]): void {
  const linesTotal = groups.reduce((sum, group) => addGrosze(sum, group.share, 'lines.share'), 0);
  const adjustmentsTotal = input.adjustments.reduce(
    (sum, adjustment) => addGrosze(sum, adjustment.amount, 'adjustments.amount'),
    0,
  );
  const amounts: [string, Grosze][] = [
    ['openingBalance', input.openingBalance],
    ['linesTotal', input.linesTotal],
    ['adjustmentsTotal', input.adjustmentsTotal],
    ['closingBalance', input.closingBalance],
    ['amountDue', input.amountDue],
    ['carriedForward', input.carriedForward],
    ['minimumPayout', input.minimumPayout],
    ...(input.supersedes === null
      ? []
      : [['supersedes.amountDue', input.supersedes.amountDue] as [string, Grosze]]),
  ];
  for (const [field, value] of amounts) {
    if (!Number.isSafeInteger(value)) {
      throw new RenderError('invalid_amount', field);
    }
  }
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.base)) {
      throw new RenderError('invalid_amount', 'lines.base');
    }
  }
  const closing = addGrosze(
    addGrosze(input.openingBalance, linesTotal, 'closingBalance'),
    adjustmentsTotal,
    'closing',
  );
  const checks: [string, boolean][] = [
    ['linesTotal', linesTotal === input.linesTotal],
    ['adjustmentsTotal', adjustmentsTotal === input.adjustmentsTotal],
    ['closingBalance', closing === input.closingBalance],
    ['carriedForward', input.closingBalance - input.amountDue === input.carriedForward],
  ];
  for (const [field, isConsistent] of checks) {
    if (!isConsistent) {
      throw new RenderError('totals_mismatch', field);
    }
  }
}
