import {
  attemptsLeft,
  codeRefusal,
  formatVerificationCode,
  MAX_WRONG_CODE_ATTEMPTS,
  selfServiceOrderDetails,
  type SelfServiceForm,
  type VerificationCodeState,
} from './self-service';
import { findIntakeProblems, intakeStatus } from './order';

const now = new Date('2030-01-01T10:00:00Z');
const fresh: VerificationCodeState = {
  expiresAt: new Date('2030-01-01T10:05:00Z'),
  attempts: 0,
  usedAt: null,
};

describe(codeRefusal.name, () => {
  it.each<[string, Partial<VerificationCodeState>, ReturnType<typeof codeRefusal>]>([
    ['a fresh code may be tried', {}, null],
    ['the last allowed try', { attempts: MAX_WRONG_CODE_ATTEMPTS - 1 }, null],
    ['dead after the allowed wrong tries', { attempts: MAX_WRONG_CODE_ATTEMPTS }, 'TOO_MANY_ATTEMPTS'],
    ['expired at its expiry instant', { expiresAt: now }, 'EXPIRED'],
    ['used wins over everything', { usedAt: now, attempts: 9, expiresAt: now }, 'USED'],
    [
      'dead wins over expired',
      { attempts: MAX_WRONG_CODE_ATTEMPTS, expiresAt: new Date(0) },
      'TOO_MANY_ATTEMPTS',
    ],
  ])('%s', (_name, change, expected) => {
    expect(codeRefusal({ ...fresh, ...change }, now)).toBe(expected);
  });
});

describe(attemptsLeft.name, () => {
  it('counts down to zero and not below', () => {
    expect(attemptsLeft(0)).toBe(MAX_WRONG_CODE_ATTEMPTS);
    expect(attemptsLeft(MAX_WRONG_CODE_ATTEMPTS)).toBe(0);
    expect(attemptsLeft(MAX_WRONG_CODE_ATTEMPTS + 3)).toBe(0);
  });
});

describe(formatVerificationCode.name, () => {
  it('pads to six digits', () => {
    expect(formatVerificationCode(42)).toBe('000042');
    expect(formatVerificationCode(999_999)).toBe('999999');
  });

  it.each([-1, 1_000_000, 1.5, Number.NaN])('refuses %p', (value) => {
    expect(() => formatVerificationCode(value)).toThrow(RangeError);
  });
});

describe(selfServiceOrderDetails.name, () => {
  const form: SelfServiceForm = {
    type: 'INSTALLATION',
    customer: { name: 'Zhang San', phone: '+8613800000001', address: '1 Century Avenue', zone: 'IN_CITY' },
    faultDescription: 'New unit to install',
    preferredAppointment: { start: '2030-05-01T09:00:00Z', end: '2030-05-01T12:00:00Z' },
  };

  it('is an online order at normal priority with nothing priced yet', () => {
    expect(selfServiceOrderDetails(form)).toEqual({
      type: 'INSTALLATION',
      priority: 'NORMAL',
      channel: 'ONLINE',
      customer: form.customer,
      faultDescription: 'New unit to install',
      serviceItems: [],
      totalAmount: 0,
      appointment: form.preferredAppointment,
      requiredSkills: [],
      dispatchMode: 'AUTO',
    });
  });

  it('passes the intake check when complete, so the order goes straight to review', () => {
    expect(intakeStatus(findIntakeProblems(selfServiceOrderDetails(form)))).toBe('PENDING_REVIEW');
  });

  it('leaves what is missing to the intake check (a repair without the unit, no preferred time)', () => {
    const details = selfServiceOrderDetails({ ...form, type: 'REPAIR', preferredAppointment: undefined });
    expect(details).not.toHaveProperty('appointment');
    expect(findIntakeProblems(details).map((p) => p.field)).toEqual([
      'equipment.serialNumber',
      'equipment.purchaseDate',
      'appointment',
    ]);
  });
});
