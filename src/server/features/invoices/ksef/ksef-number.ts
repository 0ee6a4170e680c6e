// FA(3)'s TNumerKSeF: the seller's NIP (or, for issuers without one, an internal identifier `M` + 9 digits or
// 3 letters + 7 digits), the date KSeF accepted the invoice, 12 hex digits (the schema tolerates a hyphen
// after the first 6), and 2 hex check digits.
const KSEF_NUMBER =
  /^([1-9](?:\d[1-9]|[1-9]\d)\d{7}|M\d{9}|[A-Z]{3}\d{7})-((?:20[2-9]\d|2[1-9]\d{2}|[3-9]\d{3})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))-([0-9A-F]{6})-?([0-9A-F]{6})-([0-9A-F]{2})$/;

/**
 * The check digits of a KSeF number: CRC-8 with polynomial 0x07, initial value 0x00, no reflection and no
 * final XOR (CRC-8/SMBUS) over the ASCII bytes of the first 32 characters of the 35-character form, as two
 * uppercase hex digits. Source: the Ministry of Finance's KSeF 2.0 documentation ("Numer KSeF – struktura i
 * walidacja", CIRFMF/ksef-docs) and its C# and Java reference clients; the tests hold the Ministry's example
 * and two numbers from other public sources as vectors.
 */
export function ksefNumberChecksum(data: string): string {
  let crc = 0;
  for (let index = 0; index < data.length; index++) {
    crc ^= data.charCodeAt(index) & 0xff;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(2, '0');
}

export type KsefNumberParts = {
  /** The canonical 35-character form `NIP-YYYYMMDD-XXXXXXXXXXXX-XX`. */
  number: string;
  /** The seller's NIP (or internal identifier) that KSeF put in the number. */
  issuerId: string;
  /** The acceptance date, ISO `YYYY-MM-DD`. */
  acceptedOn: string;
};

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The parts of a well-shaped KSeF number (schema pattern and a real date), checksum not verified, else null.
 * Surrounding whitespace and lowercase hex are tolerated. The 36-character form with a hyphen inside the
 * technical part is normalized to 35 characters: the Ministry documents the checksum only for that form, and
 * the public reference clients normalize the same way *(unconfirmed for numbers issued in that layout)*.
 */
export function parseKsefNumber(input: string): KsefNumberParts | null {
  const match = KSEF_NUMBER.exec(input.trim().toUpperCase());
  if (!match) {
    return null;
  }
  const [, issuerId = '', date = '', technicalHead = '', technicalTail = '', checksum = ''] = match;
  const [year, month, day] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)];
  if (!isCalendarDate(Number(year), Number(month), Number(day))) {
    return null;
  }
  return {
    number: `${issuerId}-${date}-${technicalHead}${technicalTail}-${checksum}`,
    issuerId,
    acceptedOn: `${year}-${month}-${day}`,
  };
}

/** The canonical 35-character form of a valid KSeF number (shape, date and checksum), else null. */
export function normalizeKsefNumber(input: string): string | null {
  const parts = parseKsefNumber(input);
  if (parts === null || ksefNumberChecksum(parts.number.slice(0, 32)) !== parts.number.slice(33)) {
    return null;
  }
  return parts.number;
}

export function isValidKsefNumber(input: string): boolean {
  return normalizeKsefNumber(input) !== null;
}
