import type { StatementDetail, StatementSummary } from '../../../../shared/api/statements';

export type NextStep =
  | 'accept'
  | 'waitForAnswer'
  | 'sendInvoice'
  | 'approveDocument'
  | 'sendOrApprove'
  | 'waitForPayment'
  | 'paid'
  | 'nothingDue';

/**
 * What the collaborator does next with a statement, in one word the screen turns into a sentence. Where the document
 * expected back is known (the statement's detail), the invoice step says which: send one, or approve the agency's.
 */
export function nextStepOf(
  statement: Pick<StatementSummary, 'status' | 'amountDue'>,
  expectedInvoice?: StatementDetail['expectedInvoice'],
): NextStep {
  switch (statement.status) {
    case 'prepared':
    case 'published':
      return 'accept';
    case 'disputed':
      return 'waitForAnswer';
    case 'accepted':
      if (statement.amountDue <= 0) {
        return 'nothingDue';
      }
      return expectedInvoice === undefined
        ? 'sendOrApprove'
        : expectedInvoice === 'own_invoice'
          ? 'sendInvoice'
          : 'approveDocument';
    case 'invoiced':
      return 'waitForPayment';
    case 'paid':
      return 'paid';
  }
}
