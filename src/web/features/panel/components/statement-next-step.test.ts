import { describe, expect, it } from 'vitest';
import { nextStepOf } from './statement-next-step';

describe('nextStepOf', () => {
  it('leads a collaborator from acceptance to payment', () => {
    expect(nextStepOf({ status: 'published', amountDue: 100 })).toBe('accept');
    expect(nextStepOf({ status: 'disputed', amountDue: 100 })).toBe('waitForAnswer');
    expect(nextStepOf({ status: 'accepted', amountDue: 100 })).toBe('sendOrApprove');
    expect(nextStepOf({ status: 'invoiced', amountDue: 100 })).toBe('waitForPayment');
    expect(nextStepOf({ status: 'paid', amountDue: 100 })).toBe('paid');
  });

  it('names the document expected back when the tax mode is known', () => {
    const accepted = { status: 'accepted', amountDue: 100 } as const;
    expect(nextStepOf(accepted, 'own_invoice')).toBe('sendInvoice');
    expect(nextStepOf(accepted, 'bill')).toBe('approveDocument');
    expect(nextStepOf(accepted, 'self_billing')).toBe('approveDocument');
    expect(nextStepOf({ status: 'published', amountDue: 100 }, 'bill')).toBe('accept');
  });

  it('asks for no invoice when nothing is due', () => {
    expect(nextStepOf({ status: 'accepted', amountDue: 0 })).toBe('nothingDue');
    expect(nextStepOf({ status: 'accepted', amountDue: -500 }, 'own_invoice')).toBe('nothingDue');
  });
});
