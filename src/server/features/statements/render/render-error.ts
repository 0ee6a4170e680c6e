export type RenderErrorCode = 'totals_mismatch' | 'invalid_date' | 'invalid_amount';

const messages: Record<RenderErrorCode, string> = {
  totals_mismatch: 'The totals do not add up',
  invalid_date: 'A date is not a valid YYYY-MM-DD date',
  invalid_amount: 'An amount is not an integer number of grosze',
};

// The message names the field, never its value: amounts and names are confidential and errors end up in logs.
export class RenderError extends Error {
  readonly code: RenderErrorCode;
  readonly field: string;

  constructor(code: RenderErrorCode, field: string) {
    super(`${messages[code]} (${field})`);
    this.name = 'RenderError';
    this.code = code;
    this.field = field;
  }
}

export function isRenderError(error: unknown): error is RenderError {
  return error instanceof RenderError;
}
