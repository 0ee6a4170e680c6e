export type Fa3ErrorCode =
  | 'xml_doctype_forbidden'
  | 'xml_malformed'
  | 'xml_too_large'
  | 'xml_too_deep'
  | 'xml_encoding_unsupported'
  | 'not_fa3'
  | 'fa3_field_missing'
  | 'fa3_field_invalid'
  | 'fa3_amount_invalid'
  | 'fa3_date_invalid'
  | 'ksef_number_invalid';

/** A field is an FA(3) path (`Fa/P_15`) when reading and an input property (`seller.nip`) when writing. */
export type Fa3ErrorDetails = { field: string } | { line: number; column: number } | undefined;

const messages: Record<Fa3ErrorCode, string> = {
  xml_doctype_forbidden: 'The XML document declares a DOCTYPE, which is not accepted',
  xml_malformed: 'The XML document is not well-formed',
  xml_too_large: 'The XML document exceeds the size or element count limit',
  xml_too_deep: 'The XML document exceeds the nesting depth limit',
  xml_encoding_unsupported: 'The XML document is not encoded in UTF-8',
  not_fa3: 'The document is not an FA(3) structured invoice',
  fa3_field_missing: 'A required FA(3) field is missing',
  fa3_field_invalid: 'An FA(3) field has an invalid value',
  fa3_amount_invalid: 'An FA(3) amount is not a valid amount',
  fa3_date_invalid: 'An FA(3) date is not a valid date',
  ksef_number_invalid: 'The KSeF number is not valid',
};

function describe(details: Fa3ErrorDetails): string {
  if (details === undefined) {
    return '';
  }
  return 'field' in details ? ` (${details.field})` : ` (line ${details.line}, column ${details.column})`;
}

// Messages are fixed per code and details carry only positions or field names: invoice content (names,
// amounts, NIPs) is confidential and errors end up in logs.
export class Fa3Error extends Error {
  readonly code: Fa3ErrorCode;
  readonly details: Fa3ErrorDetails;

  constructor(code: Fa3ErrorCode, details?: Fa3ErrorDetails) {
    super(`${messages[code]}${describe(details)}`);
    this.name = 'Fa3Error';
    this.code = code;
    this.details = details;
  }
}

export function isFa3Error(error: unknown): error is Fa3Error {
  return error instanceof Fa3Error;
}
