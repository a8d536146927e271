import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook';

describe(signWebhookBody.name, () => {
  it('is sha256=<hex HMAC-SHA256 of the raw body>', () => {
    const body = '{"id":"SO-1:REVIEW#1:1:all:WEBHOOK","type":"escalation.fired"}';
    const expected = createHmac('sha256', 'top-secret').update(body).digest('hex');
    expect(signWebhookBody(body, 'top-secret')).toBe(`sha256=${expected}`);
    // RFC 4231-style known answer: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog").
    expect(signWebhookBody('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });
});

describe(verifyWebhookSignature.name, () => {
  const body = '{"a":1}';
  it.each([
    ['the right signature', signWebhookBody(body, 's'), true],
    ['another secret', signWebhookBody(body, 't'), false],
    ['a changed body', signWebhookBody('{"a":2}', 's'), false],
    ['no header', undefined, false],
    ['a truncated header', signWebhookBody(body, 's').slice(0, 20), false],
  ])('%s → %s', (_name, header, valid) => {
    expect(verifyWebhookSignature(body, 's', header)).toBe(valid);
  });
});
