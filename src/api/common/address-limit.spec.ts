import { AddressLimit } from './address-limit';

describe(AddressLimit.name, () => {
  const limit = { requests: 2, windowMs: 60_000 };

  it('admits up to the limit per address, then tells how long to wait', () => {
    let now = 1_000_000;
    const addresses = new AddressLimit(limit, () => now);
    expect(addresses.admit('10.0.0.1')).toEqual({ admitted: true });
    now += 15_000;
    expect(addresses.admit('10.0.0.1')).toEqual({ admitted: true });
    expect(addresses.admit('10.0.0.1')).toEqual({ admitted: false, retryAfterSeconds: 45 });
    expect(addresses.admit('10.0.0.2')).toEqual({ admitted: true });
  });

  it('opens again when the window ends', () => {
    let now = 0;
    const addresses = new AddressLimit(limit, () => now);
    addresses.admit('10.0.0.1');
    addresses.admit('10.0.0.1');
    expect(addresses.admit('10.0.0.1').admitted).toBe(false);
    now += limit.windowMs;
    expect(addresses.admit('10.0.0.1')).toEqual({ admitted: true });
  });
});
