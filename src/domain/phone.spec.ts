import { toE164 } from './phone';

describe('toE164', () => {
  it('keeps an international number and drops its spacing', () => {
    expect(toE164('+86 138 0000 0001', 'CN')).toBe('+8613800000001');
    expect(toE164('+44 20 7946 0958', 'CN')).toBe('+442079460958');
  });

  it('reads a national number in the default country', () => {
    expect(toE164('138-0000-0001', 'CN')).toBe('+8613800000001');
    expect(toE164('(020) 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('refuses what is no phone number', () => {
    expect(toE164('123', 'CN')).toBeNull();
    expect(toE164('+86 999', 'CN')).toBeNull();
    expect(toE164('not a number', 'CN')).toBeNull();
  });
});
