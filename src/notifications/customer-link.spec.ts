import { checkCustomerLink, isCustomerLinkToken, mintCustomerLink } from './customer-link';

const SETTINGS = { publicBaseUrl: 'https://orders.example.com', secret: 's'.repeat(40), ttlSeconds: 3600 };
const NOW = Date.parse('2026-12-01T10:00:00Z');
const ORDER = 'SO-20261201-000001';

describe('customer links', () => {
  it('opens the order it was signed for until it expires', () => {
    const link = mintCustomerLink(SETTINGS, ORDER, NOW);
    expect(link.url).toBe(`https://orders.example.com/c/${ORDER}#t=${link.token}`);
    expect(link.expiresAt).toBe('2026-12-01T11:00:00.000Z');
    expect(checkCustomerLink(SETTINGS.secret, link.token, NOW + 1000)).toEqual({
      kind: 'VALID',
      orderNo: ORDER,
    });
    expect(checkCustomerLink(SETTINGS.secret, link.token, NOW + 3_600_000)).toEqual({
      kind: 'EXPIRED',
      orderNo: ORDER,
    });
  });

  it('is short enough for an SMS and distinct per message', () => {
    const first = mintCustomerLink(SETTINGS, ORDER, NOW);
    const second = mintCustomerLink(SETTINGS, ORDER, NOW);
    expect(first.token.length).toBeLessThanOrEqual(70);
    expect(second.token).not.toBe(first.token);
  });

  it('refuses a link signed with another key, or with its order, expiry or MAC changed', () => {
    const { token } = mintCustomerLink(SETTINGS, ORDER, NOW);
    expect(checkCustomerLink('x'.repeat(40), token, NOW)).toEqual({ kind: 'INVALID' });
    const [prefix, , exp, nonce, mac] = token.split('.');
    const tampered = [
      [prefix, 'SO-20261201-000002', exp, nonce, mac],
      [prefix, ORDER, (parseInt(exp, 36) + 86_400).toString(36), nonce, mac],
      [prefix, ORDER, exp, nonce, `${mac.slice(0, -2)}AA`],
      ['L2', ORDER, exp, nonce, mac],
      [prefix, ORDER, exp, nonce],
    ];
    for (const parts of tampered) {
      expect(checkCustomerLink(SETTINGS.secret, parts.join('.'), NOW)).toEqual({ kind: 'INVALID' });
    }
  });

  it('tells a link from a staff login and a raw customer token', () => {
    expect(isCustomerLinkToken(mintCustomerLink(SETTINGS, ORDER, NOW).token)).toBe(true);
    expect(isCustomerLinkToken('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.sig')).toBe(false);
    expect(isCustomerLinkToken('b2Zmc2V0LXRva2VuLXRoYXQtaXMtYmFzZTY0dXJs')).toBe(false);
  });
});
