import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  emailSchema,
  formatIban,
  formatNip,
  formatPhone,
  ibanSchema,
  isValidEmail,
  isValidIban,
  isValidKnfNumber,
  isValidNip,
  isValidPesel,
  isValidRegon,
  knfNumberSchema,
  maskEmail,
  maskPesel,
  nipSchema,
  normalizeEmail,
  normalizeIban,
  normalizeKnfNumber,
  normalizeNip,
  normalizePesel,
  normalizePhone,
  normalizeRegon,
  optionalRegonSchema,
  peselBirthDate,
  peselSchema,
  phoneSchema,
} from './identifiers.js';

const digit = fc.integer({ min: 0, max: 9 });
const digitString = (length: number) =>
  fc.array(digit, { minLength: length, maxLength: length }).map((digits) => digits.join(''));

/** Every string that differs from `value` in exactly one digit. */
function singleDigitChanges(value: string): string[] {
  return Array.from(value).flatMap((char, index) =>
    /\d/.test(char)
      ? Array.from('0123456789')
          .filter((replacement) => replacement !== char)
          .map((replacement) => value.slice(0, index) + replacement + value.slice(index + 1))
      : [],
  );
}

function nipCheckRemainder(nineDigits: string): number {
  return [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((sum, weight, i) => sum + weight * Number(nineDigits[i]), 0) % 11;
}

function withPeselCheckDigit(tenDigits: string): string {
  const sum = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3].reduce(
    (acc, weight, i) => acc + weight * Number(tenDigits[i]),
    0,
  );
  return `${tenDigits}${String((10 - (sum % 10)) % 10)}`;
}

describe('NIP', () => {
  it.each(['5242953841', '7261120385', '5250007313'])('accepts %s', (nip) => {
    expect(isValidNip(nip)).toBe(true);
  });

  it('rejects a wrong check digit and the wrong shape', () => {
    expect(isValidNip('1234567890')).toBe(false);
    expect(isValidNip('524295384')).toBe(false);
    expect(isValidNip('52429538411')).toBe(false);
    expect(isValidNip('524295384a')).toBe(false);
    expect(isValidNip('')).toBe(false);
  });

  it('normalizes separators and the PL prefix', () => {
    expect(normalizeNip(' 524-295-38-41 ')).toBe('5242953841');
    expect(normalizeNip('524 295 38 41')).toBe('5242953841');
    expect(normalizeNip('PL5242953841')).toBe('5242953841');
    expect(normalizeNip('pl 524-295-38-41')).toBe('5242953841');
    expect(normalizeNip('DE5242953841')).toBeNull();
    expect(isValidNip('PL 524-295-38-41')).toBe(true);
  });

  it('formats as 3-3-2-2', () => {
    expect(formatNip('5242953841')).toBe('524-295-38-41');
    expect(formatNip('PL 524 295 38 41')).toBe('524-295-38-41');
    expect(formatNip('abc')).toBe('abc');
  });

  it('accepts every NIP built with its check digit, unless the remainder is 10', () => {
    fc.assert(
      fc.property(digitString(9), (nine) => {
        const remainder = nipCheckRemainder(nine);
        if (remainder === 10) {
          return Array.from('0123456789').every((last) => !isValidNip(nine + last));
        }
        return isValidNip(nine + String(remainder));
      }),
    );
  });

  // Weights 6,5,7,2,3,4,5,6,7 are all non-zero mod the prime 11 and a digit changes by 1-9, so the remainder
  // always moves: a single substituted digit is always detected.
  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(
        digitString(9).filter((nine) => nipCheckRemainder(nine) !== 10),
        (nine) => {
          const nip = nine + String(nipCheckRemainder(nine));
          return singleDigitChanges(nip).every((changed) => !isValidNip(changed));
        },
      ),
    );
    for (const nip of ['5242953841', '7261120385', '5250007313']) {
      expect(singleDigitChanges(nip).filter(isValidNip)).toEqual([]);
    }
  });
});

describe('REGON', () => {
  it.each(['301093951', '85051845749370'])('accepts %s', (regon) => {
    expect(isValidRegon(regon)).toBe(true);
  });

  it('rejects a wrong check digit and the wrong shape', () => {
    expect(isValidRegon('732065834')).toBe(false);
    expect(isValidRegon('30109395')).toBe(false);
    expect(isValidRegon('3010939510')).toBe(false);
    expect(isValidRegon('85051845749371')).toBe(false);
  });

  it('requires the first nine digits of a 14-digit REGON to be a valid REGON', () => {
    // 732065834 is not a valid REGON-9, though 73206583400000 passes the 14-digit checksum on its own.
    expect(isValidRegon('73206583400000')).toBe(false);
    expect(isValidRegon('85051845749370'.slice(0, 9))).toBe(true);
  });

  it('normalizes separators', () => {
    expect(normalizeRegon(' 301-093-951 ')).toBe('301093951');
    expect(normalizeRegon('8505 1845 7493 70')).toBe('85051845749370');
    expect(normalizeRegon('1234567890')).toBeNull();
  });

  // Unlike NIP, remainder 10 maps to check digit 0, so a change that moves the remainder between 0 and 10
  // goes unnoticed; and weight 0 leaves digit 5 of the 14-digit form to the REGON-9 check alone.
  it('does not detect every single-digit substitution (a property of the checksum)', () => {
    expect(isValidRegon('100000020')).toBe(true);
    expect(isValidRegon('500000020')).toBe(true);
  });

  it('detects a substitution in digit 5 of a 14-digit REGON through its REGON-9 part', () => {
    expect(isValidRegon('85052845749370')).toBe(false);
  });
});

describe('PESEL', () => {
  it.each([
    ['44051401359', '1944-05-14'],
    ['02070803628', '1902-07-08'],
  ])('accepts %s born %s', (pesel, birthDate) => {
    expect(isValidPesel(pesel)).toBe(true);
    expect(peselBirthDate(pesel)).toBe(birthDate);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidPesel('87061302072')).toBe(false);
    expect(peselBirthDate('87061302072')).toBeNull();
  });

  it('decodes the century from the month', () => {
    expect(peselBirthDate(withPeselCheckDigit('9992311234'))).toBe('1899-12-31');
    expect(peselBirthDate(withPeselCheckDigit('0001010000'))).toBe('1900-01-01');
    expect(peselBirthDate(withPeselCheckDigit('2421150000'))).toBe('2024-01-15');
    expect(peselBirthDate(withPeselCheckDigit('0041010000'))).toBe('2100-01-01');
    expect(peselBirthDate(withPeselCheckDigit('0072310000'))).toBe('2200-12-31');
  });

  it('rejects impossible calendar dates', () => {
    expect(isValidPesel(withPeselCheckDigit('0022290000'))).toBe(true); // 2000 is a leap year
    expect(isValidPesel(withPeselCheckDigit('0002290000'))).toBe(false); // 1900 is not
    expect(isValidPesel(withPeselCheckDigit('2402300000'))).toBe(false);
    expect(isValidPesel(withPeselCheckDigit('2404310000'))).toBe(false);
    expect(isValidPesel(withPeselCheckDigit('2400100000'))).toBe(false);
    expect(isValidPesel(withPeselCheckDigit('2413100000'))).toBe(false);
    expect(isValidPesel(withPeselCheckDigit('2401000000'))).toBe(false);
  });

  it('normalizes separators', () => {
    expect(normalizePesel(' 440514 01359 ')).toBe('44051401359');
    expect(normalizePesel('4405140135')).toBeNull();
  });

  it('masks all but the last four digits', () => {
    expect(maskPesel('44051401359')).toBe('•••••••1359');
    expect(maskPesel('440514-01359')).toBe('•••••••1359');
    expect(maskPesel('4405')).toBe('•••••••••••');
  });

  // Weights 1,3,7,9 are coprime to 10 and a digit changes by 1-9, so the checksum always changes.
  it('detects every single-digit substitution', () => {
    const validPesel = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(0, 20, 40, 60, 80),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        digitString(4),
      )
      .map(([year, centuryOffset, month, day, serial]) => {
        const date = [year, month + centuryOffset, day].map((n) => String(n).padStart(2, '0')).join('');
        return withPeselCheckDigit(date + serial);
      });
    fc.assert(
      fc.property(
        validPesel,
        (pesel) =>
          isValidPesel(pesel) && singleDigitChanges(pesel).every((changed) => !isValidPesel(changed)),
      ),
    );
  });
});

describe('IBAN / NRB', () => {
  const iban = 'PL61109010140000071219812874';

  it('accepts the Polish vector in any written form', () => {
    expect(isValidIban(iban)).toBe(true);
    expect(isValidIban('PL61 1090 1014 0000 0712 1981 2874')).toBe(true);
    expect(isValidIban('pl61 1090 1014 0000 0712 1981 2874')).toBe(true);
    expect(isValidIban('61 1090 1014 0000 0712 1981 2874')).toBe(true);
  });

  it('normalizes an NRB to PL + 26 digits', () => {
    expect(normalizeIban('61 1090 1014 0000 0712 1981 2874')).toBe(iban);
    expect(normalizeIban('61-1090-1014-0000-0712-1981-2874')).toBe(iban);
    expect(normalizeIban('6110901014')).toBeNull();
  });

  it('rejects every single-digit change', () => {
    expect(singleDigitChanges(iban).filter(isValidIban)).toEqual([]);
    fc.assert(
      fc.property(
        fc.constantFrom(...singleDigitChanges(iban)),
        fc.constantFrom('', ' '),
        (changed, sep) => !isValidIban(changed.replace(/(.{4})(?=.)/g, `$1${sep}`)),
      ),
    );
  });

  it('accepts other EEA and SEPA IBANs with their lengths', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('GB29 NWBK 6016 1331 9268 19')).toBe(true);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(isValidIban('NO93 8601 1117 947')).toBe(true);
    expect(isValidIban('MT84 MALT 0110 0001 2345 MTLC AST0 01S')).toBe(true);
  });

  it('rejects wrong lengths, unknown countries and letters in a Polish account', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 000')).toBe(false);
    expect(isValidIban('PL6110901014000007121981287')).toBe(false);
    expect(isValidIban('XX89370400440532013000')).toBe(false);
    // Right length and a correct mod-97 check, but Polish account numbers are digits only.
    expect(mod97IsOne('PL33A09010140000071219812874')).toBe(true);
    expect(isValidIban('PL33A09010140000071219812874')).toBe(false);
  });

  it('formats in groups of four', () => {
    expect(formatIban(iban)).toBe('PL61 1090 1014 0000 0712 1981 2874');
    expect(formatIban('61109010140000071219812874')).toBe('PL61 1090 1014 0000 0712 1981 2874');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

function mod97IsOne(iban: string): boolean {
  const numeric = Array.from(iban.slice(4) + iban.slice(0, 4), (c) => String(parseInt(c, 36))).join('');
  return BigInt(numeric) % 97n === 1n;
}

describe('KNF agent number', () => {
  it('accepts the observed shape and normalizes case and spaces', () => {
    expect(isValidKnfNumber('11257162/A')).toBe(true);
    expect(normalizeKnfNumber(' 11257162/a ')).toBe('11257162/A');
  });

  it.each(['11257162', '1125716/A', '112571620/A', '11257162/B', '11257162-A', '1125 7162/A'])(
    'rejects %s',
    (value) => {
      expect(isValidKnfNumber(value)).toBe(false);
    },
  );
});

describe('phone', () => {
  it.each([
    ['600 123 456', '+48600123456'],
    ['600-123-456', '+48600123456'],
    ['+48 600 123 456', '+48600123456'],
    ['0048600123456', '+48600123456'],
    ['(+48) 22 123 45 67', '+48221234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+4915123456', '+4915123456'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '',
    '60012345',
    '6001234567',
    '060 012 345',
    '+48 600 123 45',
    '+48 060 012 345',
    '+1234567',
    '+0123456789',
    '+1234567890123456',
    '600 123 456 ext 1',
  ])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('formats Polish numbers 3-3-3 and leaves others in E.164', () => {
    expect(formatPhone('600123456')).toBe('+48 600 123 456');
    expect(formatPhone('+442079460958')).toBe('+442079460958');
    expect(formatPhone('bad')).toBe('bad');
  });
});

describe('e-mail', () => {
  it('normalizes case and surrounding spaces', () => {
    expect(normalizeEmail('  Jan.Kowalski@Example.PL ')).toBe('jan.kowalski@example.pl');
  });

  it.each([
    'jan@example.pl',
    'jan.kowalski+sejf@biuro.example.com.pl',
    'a@b.co',
    'x@xn--wgv71a.pl',
    "o'brien@example.ie",
  ])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    '',
    'jan',
    'jan@',
    '@example.pl',
    'jan@example',
    'jan@@example.pl',
    'jan@ex ample.pl',
    'jan..k@example.pl',
    '.jan@example.pl',
    'jan@-example.pl',
    'jan@example.p',
    'jan@example.123',
    `${'a'.repeat(65)}@example.pl`,
  ])('rejects %j', (email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('masks all but first letters and the TLD', () => {
    expect(maskEmail('jan.kowalski@example.pl')).toBe('j***@e***.pl');
    expect(maskEmail('Anna@poczta.onet.pl')).toBe('a***@p***.pl');
    expect(maskEmail('not an e-mail')).toBe('***');
  });
});

describe('zod schemas', () => {
  it('transform to the normalized form', () => {
    expect(nipSchema.parse('PL 524-295-38-41')).toBe('5242953841');
    expect(peselSchema.parse(' 44051401359 ')).toBe('44051401359');
    expect(ibanSchema.parse('61 1090 1014 0000 0712 1981 2874')).toBe('PL61109010140000071219812874');
    expect(knfNumberSchema.parse('11257162/a')).toBe('11257162/A');
    expect(phoneSchema.parse('600 123 456')).toBe('+48600123456');
    expect(emailSchema.parse(' Jan@Example.PL')).toBe('jan@example.pl');
  });

  it.each([
    [nipSchema, '1234567890', 'invalid_nip'],
    [peselSchema, '87061302072', 'invalid_pesel'],
    [ibanSchema, 'PL62109010140000071219812874', 'invalid_iban'],
    [knfNumberSchema, '11257162', 'invalid_knf_number'],
    [phoneSchema, '123', 'invalid_phone'],
    [emailSchema, 'jan@', 'invalid_email'],
    [optionalRegonSchema, '732065834', 'invalid_regon'],
  ] as const)('reports a stable code (%#)', (schema, input, code) => {
    const result = schema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([code]);
  });

  it('reports the same code for a value that is not a string', () => {
    expect(nipSchema.safeParse(5242953841).error?.issues.map((issue) => issue.message)).toEqual([
      'invalid_nip',
    ]);
    expect(optionalRegonSchema.safeParse(301093951).error?.issues.map((issue) => issue.message)).toEqual([
      'invalid_regon',
    ]);
  });

  it('treats a missing or blank REGON as null', () => {
    const form = z.object({ regon: optionalRegonSchema });
    expect(form.parse({})).toEqual({ regon: null });
    expect(form.parse({ regon: null })).toEqual({ regon: null });
    expect(form.parse({ regon: '  ' })).toEqual({ regon: null });
    expect(form.parse({ regon: '301 093 951' })).toEqual({ regon: '301093951' });
  });
});
