import {
  customerAddressesFor,
  customerEventOf,
  customerLanguageOf,
  customerMessagesFor,
  maskedAddress,
} from './customer-messages';

describe(customerMessagesFor.name, () => {
  it.each([
    [{ action: 'INTAKE', from: null, to: 'PENDING_REVIEW' }, ['RECEIVED']],
    [{ action: 'TECHNICIAN_ACCEPT', from: 'ASSIGNED', to: 'ACCEPTED' }, ['TECHNICIAN_ASSIGNED']],
    [{ action: 'CHECK_IN', from: 'ACCEPTED', to: 'ON_SITE' }, ['CHECKED_IN']],
    [{ action: 'QC_PASS', from: 'PENDING_QC', to: 'PENDING_ACCEPTANCE' }, ['WORK_DONE']],
    [
      { action: 'CUSTOMER_ACCEPT', from: 'PENDING_ACCEPTANCE', to: 'COMPLETED' },
      ['SETTLEMENT_DUE', 'FEEDBACK_REQUEST'],
    ],
    [
      { action: 'ACCEPTANCE_WINDOW_EXPIRED', from: 'PENDING_ACCEPTANCE', to: 'COMPLETED' },
      ['SETTLEMENT_DUE', 'FEEDBACK_REQUEST'],
    ],
    [{ action: 'CANCEL', from: 'ASSIGNED', to: 'CANCELLED' }, ['CANCELLED']],
    [{ action: 'REVIEW_REJECT', from: 'PENDING_REVIEW', to: 'REJECTED' }, ['REJECTED']],
    // Internal steps and assignments the technician may still decline say nothing.
    [{ action: 'ASSIGN', from: 'PENDING_DISPATCH', to: 'ASSIGNED' }, []],
    [{ action: 'ESCALATION', from: 'ASSIGNED', to: 'ASSIGNED' }, []],
    [{ action: 'QC_FAIL', from: 'PENDING_QC', to: 'IN_PROGRESS' }, []],
  ] as const)('%o sends %o', (step, kinds) => {
    expect(customerMessagesFor(step)).toEqual(kinds);
  });

  it('sends a receipt for a paid settlement only', () => {
    const settle = { action: 'SETTLE', from: 'COMPLETED', to: 'COMPLETED' } as const;
    expect(customerMessagesFor(settle, 120)).toEqual(['PAYMENT_RECORDED']);
    expect(customerMessagesFor(settle, 0)).toEqual([]);
  });
});

describe(customerEventOf.name, () => {
  it('shows customer steps and hides internal ones', () => {
    expect(customerEventOf({ action: 'CHECK_IN' })).toBe('CHECKED_IN');
    expect(customerEventOf({ action: 'CUSTOMER_FEEDBACK' })).toBe('FEEDBACK_GIVEN');
    expect(customerEventOf({ action: 'CHASE' })).toBeNull();
    expect(customerEventOf({ action: 'CUSTOMER_LINK_REQUESTED' })).toBeNull();
    expect(customerEventOf({ action: 'toString' })).toBeNull();
  });
});

describe(customerAddressesFor.name, () => {
  const contact = { phone: '+8613800000001', email: 'zhang@example.com' };

  it('writes to nobody without consent', () => {
    expect(customerAddressesFor(contact)).toEqual([]);
    expect(customerAddressesFor({ ...contact, messageConsent: false, messageChannels: ['SMS'] })).toEqual([]);
  });

  it('uses the chosen channels, or every channel with an address', () => {
    expect(customerAddressesFor({ ...contact, messageConsent: true, messageChannels: ['SMS'] })).toEqual([
      { channel: 'SMS', to: '+8613800000001' },
    ]);
    expect(customerAddressesFor({ ...contact, messageConsent: true })).toEqual([
      { channel: 'SMS', to: '+8613800000001' },
      { channel: 'EMAIL', to: 'zhang@example.com' },
    ]);
    expect(
      customerAddressesFor({ phone: '+8613800000001', messageConsent: true, messageChannels: ['EMAIL'] }),
    ).toEqual([]);
  });
});

describe('language and masking', () => {
  it('defaults to Chinese', () => {
    expect(customerLanguageOf({})).toBe('zh');
    expect(customerLanguageOf({ language: 'en' })).toBe('en');
  });

  it('masks phone numbers and e-mail addresses', () => {
    expect(maskedAddress({ channel: 'SMS', to: '+8613800000001' })).toBe('+86 •••• 0001');
    expect(maskedAddress({ channel: 'EMAIL', to: 'zhang@example.com' })).toBe('z•••@example.com');
  });
});
