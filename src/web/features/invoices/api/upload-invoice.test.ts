import { describe, expect, it } from 'vitest';
import { multipartFieldsOf } from './upload-invoice';

describe('multipartFieldsOf', () => {
  it('sends the kind first and the amount as grosze digits', () => {
    const fields = multipartFieldsOf({
      kind: 'document',
      number: 'FV 1/11/2026',
      issueDate: '2026-12-02',
      amount: 123456,
    });
    expect(Object.keys(fields)[0]).toBe('kind');
    expect(fields).toEqual({
      kind: 'document',
      number: 'FV 1/11/2026',
      issueDate: '2026-12-02',
      amount: '123456',
    });
  });

  it('leaves out an empty KSeF number and adds a difference reason', () => {
    expect(multipartFieldsOf({ kind: 'ksef_xml' })).toEqual({ kind: 'ksef_xml' });
    expect(
      multipartFieldsOf({ kind: 'ksef_xml', ksefNumber: 'X', differenceReason: 'Zaokrąglenie' }),
    ).toEqual({
      kind: 'ksef_xml',
      ksefNumber: 'X',
      differenceReason: 'Zaokrąglenie',
    });
  });
});
