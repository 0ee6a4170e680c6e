import { describe, expect, it } from 'vitest';
import { nextStepOf } from './statement-next-step';

describe('nextStepOf', () => {
  it('leads a collaborator from acceptance to payment', () => {
    expect(nextStepOf({ status: 'published', amountDue: 100 })).toBe('accept');
    expect(nextStepOf({ status: 'disputed', amountDue: 100 })).toBe('waitForAnswer');
    expect(nextStepOf({ status: 'accepted', amountDue: 100 })).toBe('sendInvoice');
    expect(nextStepOf({ status: 'invoiced', amountDue: 100 })).toBe('waitForPayment');
    expect(nextStepOf({ status: 'paid', amountDue: 100 })).toBe('paid');
  });

  it('asks for no invoice when nothing is due', () => {
    expect(nextStepOf({ status: 'accepted', amountDue: 0 })).toBe('nothingDue');
    expect(nextStepOf({ status: 'accepted', amountDue: -500 })).toBe('nothingDue');
  });
});
