import type { StatementSummary } from '../../../../shared/api/statements';

export type NextStep = 'accept' | 'waitForAnswer' | 'sendInvoice' | 'waitForPayment' | 'paid' | 'nothingDue';

/** What the collaborator does next with a statement, in one word the screen turns into a sentence. */
export function nextStepOf(statement: Pick<StatementSummary, 'status' | 'amountDue'>): NextStep {
  switch (statement.status) {
    case 'prepared':
    case 'published':
      return 'accept';
    case 'disputed':
      return 'waitForAnswer';
    case 'accepted':
      return statement.amountDue > 0 ? 'sendInvoice' : 'nothingDue';
    case 'invoiced':
      return 'waitForPayment';
    case 'paid':
      return 'paid';
  }
}
