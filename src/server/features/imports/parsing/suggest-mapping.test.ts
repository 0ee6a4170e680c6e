import { describe, expect, it } from 'vitest';
import { suggestMapping } from './suggest-mapping.js';

describe('suggestMapping', () => {
  it('maps an ERGO Hestia-like header', () => {
    expect(
      suggestMapping([
        'Typ prowizji',
        'Nr polisy',
        'Produkt',
        'Ubezpieczający',
        'Ryzyko',
        'Wznowienie',
        'Podstawa naliczenia prowizji',
        'Inkaso',
        'Prowizja',
        'Termin płatności',
        'Kod agenta',
      ]),
    ).toEqual({
      lineType: 'Typ prowizji',
      policyNumber: 'Nr polisy',
      product: 'Produkt',
      policyholder: 'Ubezpieczający',
      risk: 'Ryzyko',
      renewal: 'Wznowienie',
      commissionBase: 'Podstawa naliczenia prowizji',
      collectedPremium: 'Inkaso',
      commission: 'Prowizja',
      dueDate: 'Termin płatności',
      agentCode: 'Kod agenta',
    });
  });

  it('maps other Polish and English spellings', () => {
    expect(
      suggestMapping([
        'Numer polisy',
        'Składka przypisana',
        'Stawka',
        'Kwota prowizji',
        'Rata',
        'Data',
        'Nr agenta',
        'Rodzaj',
      ]),
    ).toEqual({
      policyNumber: 'Numer polisy',
      premium: 'Składka przypisana',
      insurerRate: 'Stawka',
      commission: 'Kwota prowizji',
      installment: 'Rata',
      dueDate: 'Data',
      agentCode: 'Nr agenta',
      lineType: 'Rodzaj',
    });
    expect(
      suggestMapping([
        'Policy number',
        'Policyholder',
        'Premium',
        'Rate',
        'Commission',
        'Due date',
        'Agent code',
      ]),
    ).toEqual({
      policyNumber: 'Policy number',
      policyholder: 'Policyholder',
      premium: 'Premium',
      insurerRate: 'Rate',
      commission: 'Commission',
      dueDate: 'Due date',
      agentCode: 'Agent code',
    });
  });

  it('reads headers without diacritics, in capitals and with underscores', () => {
    expect(
      suggestMapping([
        'NR_POLISY',
        'UBEZPIECZAJACY',
        'SKLADKA',
        '%',
        'PROWIZJA',
        'DATA_PLATNOSCI',
        'KOD_AGENTA',
      ]),
    ).toEqual({
      policyNumber: 'NR_POLISY',
      policyholder: 'UBEZPIECZAJACY',
      premium: 'SKLADKA',
      insurerRate: '%',
      commission: 'PROWIZJA',
      dueDate: 'DATA_PLATNOSCI',
      agentCode: 'KOD_AGENTA',
    });
  });

  it('prefers an exact name and gives each header one field', () => {
    expect(
      suggestMapping(['Prowizja %', 'Prowizja za okres', 'Prowizja', 'Składka zainkasowana', 'Kod ryzyka']),
    ).toEqual({
      insurerRate: 'Prowizja %',
      commission: 'Prowizja',
      collectedPremium: 'Składka zainkasowana',
      risk: 'Kod ryzyka',
    });
  });

  it('suggests nothing for unknown headers', () => {
    expect(suggestMapping(['Kolumna 1', 'Uwagi', ''])).toEqual({});
  });
});
