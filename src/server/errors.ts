import type { ErrorCode } from '../shared/error-codes.js';

export type { ErrorCode } from '../shared/error-codes.js';

/** The one place where an error code becomes an HTTP status. */
const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  session_expired: 401,
  second_factor_required: 401,
  second_factor_enrolment_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  origin_mismatch: 403,
  rate_limited: 429,
  account_locked: 429,
  invalid_credentials: 401,
  invalid_second_factor_code: 400,
  second_factor_code_reused: 400,
  invalid_recovery_code: 400,
  second_factor_already_enrolled: 409,
  last_second_factor: 409,
  passkey_verification_failed: 400,
  password_too_short: 400,
  password_too_common: 400,
  password_too_long: 400,
  password_too_weak: 400,
  current_password_wrong: 400,
  setup_token_invalid: 403,
  setup_already_done: 409,
  invalid_nip: 400,
  invalid_regon: 400,
  invalid_pesel: 400,
  invalid_knf_number: 400,
  invalid_phone: 400,
  invalid_email: 400,
  invalid_iban: 400,
  self_billing_requires_invoice: 400,
  nip_required_for_invoice: 400,
  pesel_required_for_bill: 400,
  collaborator_archived: 409,
  email_taken: 409,
  collaborator_duplicate: 409,
  invitation_invalid: 400,
  invitation_expired: 410,
  invitation_used: 410,
  invitation_revoked: 410,
  invitation_pending_exists: 409,
  collaborator_already_active: 409,
  membership_exists: 409,
  payload_too_large: 413,
  empty_file: 400,
  file_type_not_allowed: 415,
  file_type_mismatch: 415,
  file_active_content: 415,
  file_name_invalid: 400,
  file_infected: 422,
  too_many_files: 400,
  multipart_invalid: 400,
  integrity_error: 500,
  scanner_unavailable: 503,
  storage_unavailable: 503,
  insurer_name_taken: 409,
  insurer_archived: 409,
  agent_code_taken: 409,
  agent_code_invalid: 400,
  import_duplicate: 409,
  import_file_invalid: 422,
  import_state_conflict: 409,
  import_mapping_invalid: 400,
  import_has_errors: 409,
  import_empty: 409,
  rule_invalid: 400,
  rule_duplicate: 409,
  adjustment_invalid: 400,
  period_overlap: 409,
  period_not_open: 409,
  period_not_locked: 409,
  earlier_period_open: 409,
  later_period_settled: 409,
  period_conflict: 409,
  period_has_problems: 409,
  statement_superseded: 409,
  period_closed: 409,
  statements_not_ready: 409,
  statement_changed: 409,
  statement_disputed: 409,
  statement_already_accepted: 409,
  statement_not_accepted: 409,
  statement_paid: 409,
  statement_not_published: 409,
  later_period_locked: 409,
  nothing_to_pay: 409,
  period_not_published: 409,
  period_has_open_statements: 409,
  document_in_settlement: 409,
  invoice_exists: 409,
  invoice_mismatch: 422,
  invoice_not_expected: 409,
  invoice_xml_invalid: 422,
  invoice_state_conflict: 409,
  address_required: 400,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Seconds after which a retry may succeed (rate limits, lockouts). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { retryAfterSeconds?: number }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return statusByCode[code];
}

export function notFound(what = 'Resource'): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
