import { boundedKey, deliveryKey, escalationSourceKey, messageIdFor } from './idempotency';

describe(deliveryKey.name, () => {
  it('is order:stageKey:level:recipient:channel', () => {
    expect(deliveryKey(escalationSourceKey('SO-1', 'COMPLETION#2', 3), 'u1', 'EMAIL')).toBe(
      'SO-1:COMPLETION#2:3:u1:EMAIL',
    );
  });
  it('keeps long keys within the column and distinct', () => {
    const a = boundedKey(`${'x'.repeat(400)}a`);
    const b = boundedKey(`${'x'.repeat(400)}b`);
    expect(a.length).toBe(300);
    expect(a).not.toBe(b);
  });
});

describe(messageIdFor.name, () => {
  it('is stable per key and differs between keys', () => {
    expect(messageIdFor('k1', 'example.com')).toBe(messageIdFor('k1', 'example.com'));
    expect(messageIdFor('k1', 'example.com')).not.toBe(messageIdFor('k2', 'example.com'));
    expect(messageIdFor('k1', 'example.com')).toMatch(/^<[0-9a-f]{40}@example\.com>$/);
  });
});
