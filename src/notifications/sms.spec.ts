import type { DataSource } from 'typeorm';
import { createSmsSender, smsGatewayRequest, smsLength } from './sms';

// Never queried: choosing a sender touches no database.
const unusedDataSource = {} as DataSource;

describe(smsGatewayRequest.name, () => {
  const gateway = { url: 'https://sms.example.com/v1/messages', token: 't0ken', sender: 'ServiceOrders' };
  const payload = { to: '+8613800000001', text: 'Order SO-20300101-000001 received' };

  it('posts {from, to, text, reference} as JSON with the bearer and the idempotency key', () => {
    const request = smsGatewayRequest(gateway, payload, 'SO-1:RECEIVED:SMS');
    expect(request.url).toBe(gateway.url);
    expect(JSON.parse(request.body)).toEqual({
      from: 'ServiceOrders',
      to: '+8613800000001',
      text: 'Order SO-20300101-000001 received',
      reference: 'SO-1:RECEIVED:SMS',
    });
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'X-Idempotency-Key': 'SO-1:RECEIVED:SMS',
      Authorization: 'Bearer t0ken',
    });
  });

  it('sends no Authorization header without a token', () => {
    const request = smsGatewayRequest({ ...gateway, token: undefined }, payload, 'k');
    expect(Object.keys(request.headers)).not.toContain('Authorization');
  });
});

describe(createSmsSender.name, () => {
  const base = { SMS_GATEWAY_URL: undefined, SMS_GATEWAY_TOKEN: undefined, SMS_SENDER: 'ServiceOrders' };

  it('is null when SMS_PROVIDER is none', () => {
    expect(createSmsSender({ ...base, SMS_PROVIDER: 'none' }, unusedDataSource)).toBeNull();
  });

  it.each(['sink', 'http'] as const)('gives a sender for %s', (provider) => {
    const sender = createSmsSender(
      { ...base, SMS_PROVIDER: provider, SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' },
      unusedDataSource,
    );
    expect(typeof sender?.send).toBe('function');
  });

  it('refuses http without a gateway URL', () => {
    expect(() => createSmsSender({ ...base, SMS_PROVIDER: 'http' }, unusedDataSource)).toThrow(
      'SMS_GATEWAY_URL',
    );
  });
});

describe(smsLength.name, () => {
  it.each([
    ['plain ASCII up to 160 is one GSM-7 part', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM-7 characters are two parts of 153', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['€ and [ ] take two septets each', '€[]', 'GSM-7', 6, 1],
    ['Chinese is UCS-2: 70 in one part', '订'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 characters are two parts of 67', '订'.repeat(71), 'UCS-2', 71, 2],
    ['one Chinese character turns a Latin text into UCS-2', `${'a'.repeat(100)}订`, 'UCS-2', 101, 2],
  ])('%s', (_name, text, encoding, units, segments) => {
    expect(smsLength(text)).toEqual({ encoding, units, segments });
  });
});
