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

  it('asks for an answer to a quote only when it waits for the customer (PENDING_QUOTE)', () => {
    expect(customerMessagesFor({ action: 'PROPOSE_QUOTE', from: 'ON_SITE', to: 'PENDING_QUOTE' })).toEqual([
      'QUOTE_READY',
    ]);
    expect(
      customerMessagesFor({ action: 'PROPOSE_QUOTE', from: 'IN_PROGRESS', to: 'PENDING_QUOTE' }),
    ).toEqual(['QUOTE_READY']);
    // Covered work under the threshold needs no approval: the order goes on and the customer is not asked.
    expect(customerMessagesFor({ action: 'PROPOSE_QUOTE', from: 'ON_SITE', to: 'IN_PROGRESS' })).toEqual([]);
    expect(customerMessagesFor({ action: 'PROPOSE_QUOTE', from: 'IN_PROGRESS', to: 'IN_PROGRESS' })).toEqual(
      [],
    );
  });

  it('asks for an answer to added work, and says nothing of the answers themselves', () => {
    expect(
      customerMessagesFor({ action: 'PROPOSE_ADDED_WORK', from: 'IN_PROGRESS', to: 'IN_PROGRESS' }),
    ).toEqual(['ADDED_WORK_READY']);
    for (const step of [
      { action: 'APPROVE_QUOTE', from: 'PENDING_QUOTE', to: 'IN_PROGRESS' },
      // Declined covered work owes nothing: the order closes at once and says nothing of money.
      { action: 'DECLINE_QUOTE', from: 'PENDING_QUOTE', to: 'CLOSED' },
      { action: 'QUOTE_EXPIRED', from: 'PENDING_QUOTE', to: 'CLOSED' },
      { action: 'APPROVE_ADDED_WORK', from: 'IN_PROGRESS', to: 'IN_PROGRESS' },
      { action: 'DECLINE_ADDED_WORK', from: 'IN_PROGRESS', to: 'IN_PROGRESS' },
      { action: 'ADDED_WORK_LAPSED', from: 'IN_PROGRESS', to: 'IN_PROGRESS' },
    ] as const) {
      expect({ step, kinds: customerMessagesFor(step) }).toEqual({ step, kinds: [] });
    }
  });

  it('tells the customer the diagnosis fee once a quote is declined or lapses with one due', () => {
    for (const action of ['DECLINE_QUOTE', 'QUOTE_EXPIRED'] as const) {
      expect(customerMessagesFor({ action, from: 'PENDING_QUOTE', to: 'COMPLETED' })).toEqual([
        'SETTLEMENT_DUE',
      ]);
    }
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

  it('shows the steps of priced work', () => {
    expect(customerEventOf({ action: 'PROPOSE_QUOTE' })).toBe('QUOTE_PROPOSED');
    expect(customerEventOf({ action: 'QUOTE_EXPIRED' })).toBe('QUOTE_EXPIRED');
    expect(customerEventOf({ action: 'PROPOSE_ADDED_WORK' })).toBe('ADDED_WORK_PROPOSED');
    expect(customerEventOf({ action: 'ADDED_WORK_LAPSED' })).toBe('ADDED_WORK_LAPSED');
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
